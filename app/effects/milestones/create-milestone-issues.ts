import type { CreateMilestoneIssuesEffect } from "../../core/pipeline/effects.js";
import { type PlannedMilestone, parseMilestones } from "../../core/plan/parse-milestones.js";
import { milestoneMarker, renderMilestoneIssue } from "../../core/plan/render-milestone-issue.js";
import { listMilestoneItems, recordMilestoneItem } from "../../store/milestones.js";
import { repoLocation } from "../check-runs/repo-location.js";
import { type EffectOrigin, postOnce } from "../comments/post-once.js";
import { PLAN_PATH } from "../onboarding/check-kickoff.js";
import { readRepoFile } from "../onboarding/read-repo-file.js";
import type { PerformerContext } from "../performer-context.js";
import { startWorkItem } from "./start-work-item.js";

// Issues the app opened since the effect was queued (minutes of slack for clocks), by marker.
async function findOpenedIssues(context: PerformerContext, origin: EffectOrigin | undefined) {
  const { ref, octokit, app } = context;
  const since = origin && new Date(Date.parse(origin.createdAt) - 5 * 60_000).toISOString();
  const issues = await octokit.paginate("GET /repos/{owner}/{repo}/issues", {
    owner: ref.owner,
    repo: ref.repo,
    creator: `${app.slug}[bot]`,
    state: "all",
    per_page: 100,
    ...(since ? { since } : {}),
  });
  return (marker: string) => issues.find((issue) => issue.body?.includes(marker))?.number;
}

async function openIssue(context: PerformerContext, milestone: PlannedMilestone, planSha: string) {
  const { ref, octokit } = context;
  const at = repoLocation(context);
  const planUrl = `${at.web}/${at.owner}/${at.repo}/blob/${planSha}/${PLAN_PATH}`;
  const issue = renderMilestoneIssue(ref.workItemId, milestone, planUrl);
  const { data } = await octokit.request("POST /repos/{owner}/{repo}/issues", {
    owner: ref.owner,
    repo: ref.repo,
    ...issue,
  });
  return { number: data.number, title: issue.title };
}

async function recordIssues(
  context: PerformerContext,
  milestones: readonly PlannedMilestone[],
  effect: CreateMilestoneIssuesEffect,
  origin: EffectOrigin | undefined,
) {
  const kickoffId = context.ref.workItemId;
  const known = new Set(
    (await listMilestoneItems(context.sql, kickoffId)).map((item) => item.index),
  );
  const missing = milestones.filter((milestone) => !known.has(milestone.index));
  if (missing.length === 0) return;
  const opened = await findOpenedIssues(context, origin);
  for (const milestone of missing) {
    const title = renderMilestoneIssue(kickoffId, milestone, "").title;
    const found = opened(milestoneMarker(kickoffId, milestone.index));
    const issue =
      found === undefined
        ? await openIssue(context, milestone, effect.planSha)
        : { number: found, title };
    await recordMilestoneItem(context.sql, kickoffId, milestone.index, issue);
  }
}

/**
 * `create_milestone_issues`, after the kickoff merged: one issue per
 * milestone of `docs/PLAN.md` at the merge, each recorded as a work item
 * before any starts (so the last one knows it is last), found again by its
 * marker after a crash; then the first milestone starts (all of them when
 * milestones are not sequential). A plan with no milestones is said on the
 * kickoff's PR, and nothing starts.
 */
export async function performCreateMilestoneIssues(
  context: PerformerContext,
  effect: CreateMilestoneIssuesEffect,
  origin?: EffectOrigin,
): Promise<void> {
  const { ref, octokit, sql, log } = context;
  const plan = await readRepoFile(
    octokit,
    { owner: ref.owner, repo: ref.repo },
    PLAN_PATH,
    effect.planSha,
  );
  const milestones = plan === null ? [] : parseMilestones(plan);
  if (milestones.length === 0) {
    const why = plan === null ? `there is no ${PLAN_PATH}` : `${PLAN_PATH} names no milestone`;
    const body = `The plan is merged, but ${why} at ${effect.planSha.slice(0, 7)}, so no milestone issues were opened. Add milestones as \`## Milestone 1: <title>\` headings with their acceptance criteria, or label issues with a stage label to start work.`;
    return postOnce(context, body, origin);
  }
  await recordIssues(context, milestones, effect, origin);
  const items = await listMilestoneItems(sql, ref.workItemId);
  const first = items.find((item) => !["done", "cancelled", "failed"].includes(item.state));
  const due = effect.startAll ? items.filter((item) => item.fresh) : first?.fresh ? [first] : [];
  for (const item of due) await startWorkItem(sql, item.id);
  log.info({ milestones: milestones.length, started: due.length }, "Milestone issues");
}
