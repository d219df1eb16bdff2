import {
  ONBOARDING_BRANCH,
  ONBOARDING_TRAILER,
  type OnboardingFile,
  onboardingCommitMessage,
} from "../../core/onboarding/onboarding-pull-request.js";
import { RetryLaterError } from "../outbox-worker.js";
import { type Octokit, type RepoLocation, readBranchRef } from "./read-repo-file.js";

// A default branch that is missing from a repository with commits (renamed meanwhile): ask again later.
const MISSING_BASE_RETRY_MS = 10 * 60_000;

async function readCommit(octokit: Octokit, where: RepoLocation, sha: string) {
  const { data } = await octokit.request("GET /repos/{owner}/{repo}/git/commits/{commit_sha}", {
    ...where,
    commit_sha: sha,
  });
  return { tree: data.tree.sha, message: data.message };
}

async function writeCommit(
  octokit: Octokit,
  where: RepoLocation,
  parent: string,
  files: readonly OnboardingFile[],
): Promise<string> {
  const base = await readCommit(octokit, where, parent);
  const { data: tree } = await octokit.request("POST /repos/{owner}/{repo}/git/trees", {
    ...where,
    base_tree: base.tree,
    tree: files.map((file) => ({
      path: file.path,
      mode: "100644" as const,
      type: "blob" as const,
      content: file.content,
    })),
  });
  const { data: commit } = await octokit.request("POST /repos/{owner}/{repo}/git/commits", {
    ...where,
    message: onboardingCommitMessage(files),
    tree: tree.sha,
    parents: [parent],
  });
  return commit.sha;
}

/**
 * Puts the onboarding files on `quantapilot/onboarding` with one tree, one
 * commit and one ref write. A branch whose head is our onboarding commit (a
 * retry after a crash) is used as it is; a branch of that name without it
 * gets the commit on top, never a force-push. `staleHead`: the head of an
 * earlier, closed onboarding PR; a branch still at it that ends in our own
 * commit is rebuilt on today's default branch (its files may be outdated, or
 * merged long ago). An empty repository throws `RepositoryEmptyError`: there
 * is nothing to branch from until its first push.
 */
export async function commitOnboardingFiles(
  octokit: Octokit,
  where: RepoLocation,
  defaultBranch: string,
  files: readonly OnboardingFile[],
  staleHead: string | null = null,
): Promise<void> {
  const existing = await readBranchRef(octokit, where, ONBOARDING_BRANCH);
  if (existing === null) return createBranch(octokit, where, defaultBranch, files);
  const head = await readCommit(octokit, where, existing);
  const ours = head.message.includes(ONBOARDING_TRAILER);
  if (ours && existing !== staleHead) return;
  const parent = ours ? await readBase(octokit, where, defaultBranch) : existing;
  const sha = await writeCommit(octokit, where, parent, files);
  await octokit.request("PATCH /repos/{owner}/{repo}/git/refs/{ref}", {
    ...where,
    ref: `heads/${ONBOARDING_BRANCH}`,
    sha,
    // Only our own commit of a closed PR is replaced; anyone else's work is built on.
    force: ours,
  });
}

async function readBase(octokit: Octokit, where: RepoLocation, defaultBranch: string) {
  const base = await readBranchRef(octokit, where, defaultBranch);
  if (base !== null) return base;
  throw new RetryLaterError(
    `${where.owner}/${where.repo} has no branch ${defaultBranch}: onboarding tries again later`,
    MISSING_BASE_RETRY_MS,
  );
}

async function createBranch(
  octokit: Octokit,
  where: RepoLocation,
  defaultBranch: string,
  files: readonly OnboardingFile[],
): Promise<void> {
  const sha = await writeCommit(
    octokit,
    where,
    await readBase(octokit, where, defaultBranch),
    files,
  );
  await octokit.request("POST /repos/{owner}/{repo}/git/refs", {
    ...where,
    ref: `refs/heads/${ONBOARDING_BRANCH}`,
    sha,
  });
}
