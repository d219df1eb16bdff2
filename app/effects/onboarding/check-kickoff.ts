import { describesProduct } from "../../core/onboarding/describes-product.js";
import { kickoffTitle } from "../../core/onboarding/kickoff-title.js";
import { applyPipelineEvent } from "../../pipeline/apply-pipeline-event.js";
import { createKickoff, hasKickoff } from "../../store/kickoff.js";
import { readOnboardingProject } from "../../store/onboarding.js";
import type { OnboardingContext } from "./open-onboarding-pr.js";
import { type Octokit, type RepoLocation, readRepoFile } from "./read-repo-file.js";

/** Where a kickoff's plan lives; a repository that has one was planned already. */
export const PLAN_PATH = "docs/PLAN.md";

// GitHub's preferred README (README.md, readme.rst, docs/README…), decoded; null when there is none.
async function readReadme(octokit: Octokit, where: RepoLocation): Promise<string | null> {
  try {
    const { data } = await octokit.request("GET /repos/{owner}/{repo}/readme", where);
    return Buffer.from(data.content, "base64").toString("utf8");
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    if (status === 404 || status === 409) return null;
    throw error;
  }
}

/**
 * `check_kickoff`, after a project is activated: when its README describes a
 * product and it has no `docs/PLAN.md`, create the kickoff work item and
 * start it (its first stage, `plan`), in a transaction of its own. GitHub is
 * read here, never inside a webhook's transaction. A project is kicked off
 * at most once.
 */
export async function checkKickoff(
  context: OnboardingContext,
  projectId: number,
  causeKey: string,
): Promise<void> {
  const { octokit, sql, log } = context;
  const project = await readOnboardingProject(sql, projectId);
  if (project?.status !== "active" || (await hasKickoff(sql, projectId))) {
    return log.info({ projectId, status: project?.status }, "No kickoff: inactive or kicked off");
  }
  const where = { owner: project.owner, repo: project.name };
  const readme = await readReadme(octokit, where);
  const verdict = describesProduct(readme);
  if (!verdict.describesProduct) return log.info({ projectId, why: verdict.reason }, "No kickoff");
  const branch = project.defaultBranch ?? "main";
  if ((await readRepoFile(octokit, where, PLAN_PATH, branch)) !== null) {
    return log.info({ projectId }, `No kickoff: ${PLAN_PATH} exists`);
  }
  const title = kickoffTitle(readme ?? "", project.name);
  const started = await sql.begin(async (tx) => {
    const id = await createKickoff(tx, projectId, title);
    if (id === undefined) return undefined;
    const event = { type: "start" as const, now: new Date().toISOString() };
    return applyPipelineEvent(tx, id, event, `kickoff:${causeKey}`);
  });
  log.info({ projectId, started }, "Kickoff");
}
