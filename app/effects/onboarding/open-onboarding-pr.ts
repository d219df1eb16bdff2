import type { Logger } from "pino";
import type { Sql } from "postgres";
import { CONFIG_PATH } from "../../../contract/config.js";
import { judgeOnboardingPr } from "../../core/onboarding/judge-onboarding-pr.js";
import {
  missingOnboardingFiles,
  ONBOARDING_BRANCH,
  onboardingPullRequest,
  WORKFLOW_PATH,
} from "../../core/onboarding/onboarding-pull-request.js";
import {
  activateProject,
  type OnboardingProject,
  readOnboardingProject,
  recordDefaultBranch,
  recordOnboardingPr,
} from "../../store/onboarding.js";
import { commitOnboardingFiles } from "./commit-onboarding-files.js";
import { findOnboardingPr } from "./find-onboarding-pr.js";
import { type Octokit, type RepoLocation, readRepoFile } from "./read-repo-file.js";
import { RepositoryEmptyError } from "./repository-empty-error.js";

/** The two files onboarding adds, read once at start-up. */
export interface OnboardingTemplates {
  /** The canonical `.github/workflows/quantapilot.yml` of this repository. */
  workflow: string;
  /** The commented default `.github/quantapilot.yml`. */
  config: string;
}

export interface OnboardingContext {
  octokit: Octokit;
  sql: Sql;
  log: Logger;
  templates: OnboardingTemplates;
}

async function presentFiles(octokit: Octokit, where: RepoLocation, ref: string) {
  const paths = [WORKFLOW_PATH, CONFIG_PATH];
  const texts = await Promise.all(paths.map((path) => readRepoFile(octokit, where, path, ref)));
  return new Set(paths.filter((_, i) => texts[i] !== null));
}

/** What to offer: the missing files on `base`, and the head of a closed PR this one replaces. */
interface Offer {
  base: string;
  files: ReturnType<typeof missingOnboardingFiles>;
  staleHead: string | null;
}

async function openPr(context: OnboardingContext, where: RepoLocation, offer: Offer) {
  const { base, files } = offer;
  await commitOnboardingFiles(context.octokit, where, base, files, offer.staleHead);
  const { title, body } = onboardingPullRequest(files);
  const { data } = await context.octokit.request("POST /repos/{owner}/{repo}/pulls", {
    ...where,
    title,
    body,
    head: ONBOARDING_BRANCH,
    base,
  });
  return data.number;
}

/**
 * `open_onboarding_pr`: one PR on `quantapilot/onboarding` adding the stage
 * workflow and the default config — only what the default branch lacks.
 * A repository that has both is activated at once, without a PR. An open
 * onboarding PR is found again, never opened twice; one a person closed since
 * `askedAt` (when this request was queued) is their answer and is respected,
 * while one closed before it answered an earlier offer (see
 * `judgeOnboardingPr`). An empty repository is parked, not retried: its first
 * push to the default branch queues this again. A retry after a crash reuses
 * the branch and commit it made.
 */
export async function openOnboardingPr(
  context: OnboardingContext,
  projectId: number,
  causeKey: string,
  askedAt: string,
): Promise<void> {
  const { octokit, sql, log } = context;
  const project = await readOnboardingProject(sql, projectId);
  if (project?.status !== "onboarding") {
    return log.info(
      { projectId, status: project?.status },
      "Not onboarding any more; nothing to do",
    );
  }
  const where = { owner: project.owner, repo: project.name };
  const { data: repo } = await octokit.request("GET /repos/{owner}/{repo}", where);
  const base = repo.default_branch;
  await recordDefaultBranch(sql, project.id, base);
  const files = missingOnboardingFiles(
    await presentFiles(octokit, where, base),
    context.templates.workflow,
    context.templates.config,
  );
  if (files.length === 0) return activate(context, project, causeKey);
  const found = await findOnboardingPr(octokit, where);
  const verdict = judgeOnboardingPr(found, askedAt);
  const offer = { base, files, staleHead: found?.headSha ?? null };
  const number =
    verdict.kind === "open_new" ? await openUnlessEmpty(context, where, offer) : verdict.number;
  if (number === null)
    return log.info({ projectId, base }, "Empty repository: onboarding waits for its first push");
  await recordOnboardingPr(sql, project.id, number, base);
  log.info({ projectId, pr: number, verdict: verdict.kind }, "Onboarding pull request");
}

// Null for an empty repository: the effect ends, and the first push queues it again.
async function openUnlessEmpty(
  context: OnboardingContext,
  where: RepoLocation,
  offer: Offer,
): Promise<number | null> {
  try {
    return await openPr(context, where, offer);
  } catch (error) {
    if (error instanceof RepositoryEmptyError) return null;
    throw error;
  }
}

async function activate(context: OnboardingContext, project: OnboardingProject, causeKey: string) {
  const activated = await context.sql.begin((tx) => activateProject(tx, project, causeKey));
  context.log.info(
    { projectId: project.id, activated },
    "Both files present: activated without a PR",
  );
}
