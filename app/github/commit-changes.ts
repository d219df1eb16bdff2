import type { ProbotOctokit } from "probot";

type Octokit = Pick<ProbotOctokit, "request">;

export interface FileChange {
  path: string;
  action: "upsert" | "delete";
  mode?: "100644" | "100755" | "120000" | undefined;
  encoding?: "utf8" | "base64" | undefined;
  content?: string | undefined;
}

export interface CommitRequest {
  owner: string;
  repo: string;
  branch: string;
  /** The commit the stage worked from: the branch is expected to point here. */
  baseSha: string;
  changes: FileChange[];
  message: string;
  /** Written as a trailer, so a retry recognises its own commit instead of committing twice. */
  stageRunId: number;
}

export type CommitOutcome =
  | { ok: true; sha: string; rebasedOnto: string | null; alreadyDone: boolean }
  | { ok: false; reason: string; conflicts: string[] };

export const STAGE_RUN_TRAILER = "QuantaPilot-Stage-Run";

/**
 * One tree, one commit, one ref update through the git data API, so the
 * commit is made with the App's token (CI runs on it) and signed by GitHub.
 * A branch that moved since the stage's base is rebased when the paths do
 * not overlap, and otherwise refused with the conflicting paths; the ref is
 * never force-updated.
 */
export async function commitChanges(
  octokit: Octokit,
  request: CommitRequest,
): Promise<CommitOutcome> {
  const head = await branchHead(octokit, request);
  const trailer = `${STAGE_RUN_TRAILER}: ${request.stageRunId}`;
  const parent = head ?? request.baseSha;
  const parentCommit = await getCommit(octokit, request, parent);
  if (parentCommit.message.includes(trailer)) {
    return { ok: true, sha: parent, rebasedOnto: null, alreadyDone: true };
  }
  if (head && head !== request.baseSha) {
    const conflicts = await overlappingPaths(octokit, request, head);
    if (conflicts.length) {
      return {
        ok: false,
        reason: `The branch ${request.branch} moved since this stage started and changed the same files.`,
        conflicts,
      };
    }
  }
  const tree = await createTree(octokit, request, parentCommit.treeSha);
  const sha = await createCommit(
    octokit,
    request,
    tree,
    parent,
    `${request.message.trimEnd()}\n\n${trailer}`,
  );
  await moveBranch(octokit, request, sha, head !== null);
  return {
    ok: true,
    sha,
    rebasedOnto: head && head !== request.baseSha ? head : null,
    alreadyDone: false,
  };
}

async function branchHead(
  octokit: Octokit,
  { owner, repo, branch }: CommitRequest,
): Promise<string | null> {
  try {
    const { data } = await octokit.request("GET /repos/{owner}/{repo}/git/ref/{ref}", {
      owner,
      repo,
      ref: `heads/${branch}`,
    });
    return data.object.sha;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  }
}

async function getCommit(octokit: Octokit, { owner, repo }: CommitRequest, sha: string) {
  const { data } = await octokit.request("GET /repos/{owner}/{repo}/git/commits/{commit_sha}", {
    owner,
    repo,
    commit_sha: sha,
  });
  return { treeSha: data.tree.sha, message: data.message };
}

/** Paths changed on the branch since the base that this result also changes. */
async function overlappingPaths(
  octokit: Octokit,
  request: CommitRequest,
  head: string,
): Promise<string[]> {
  const { data } = await octokit.request("GET /repos/{owner}/{repo}/compare/{basehead}", {
    owner: request.owner,
    repo: request.repo,
    basehead: `${request.baseSha}...${head}`,
  });
  const moved = new Set(
    (data.files ?? []).flatMap((file) => [file.filename, file.previous_filename ?? file.filename]),
  );
  return request.changes.map((change) => change.path).filter((path) => moved.has(path));
}

async function createTree(
  octokit: Octokit,
  request: CommitRequest,
  baseTree: string,
): Promise<string> {
  const tree = [];
  for (const change of request.changes) tree.push(await treeEntry(octokit, request, change));
  const { data } = await octokit.request("POST /repos/{owner}/{repo}/git/trees", {
    owner: request.owner,
    repo: request.repo,
    base_tree: baseTree,
    tree,
  });
  return data.sha;
}

async function treeEntry(octokit: Octokit, { owner, repo }: CommitRequest, change: FileChange) {
  const mode = change.mode ?? "100644";
  const entry = { path: change.path, mode, type: "blob" as const };
  if (change.action === "delete") return { ...entry, sha: null };
  if (change.encoding !== "base64") return { ...entry, content: change.content ?? "" };
  // Binary content cannot ride inline in a tree: it becomes a blob first.
  const { data } = await octokit.request("POST /repos/{owner}/{repo}/git/blobs", {
    owner,
    repo,
    content: change.content ?? "",
    encoding: "base64",
  });
  return { ...entry, sha: data.sha };
}

async function createCommit(
  octokit: Octokit,
  request: CommitRequest,
  tree: string,
  parent: string,
  message: string,
) {
  const { data } = await octokit.request("POST /repos/{owner}/{repo}/git/commits", {
    owner: request.owner,
    repo: request.repo,
    message,
    tree,
    parents: [parent],
  });
  return data.sha;
}

async function moveBranch(octokit: Octokit, request: CommitRequest, sha: string, exists: boolean) {
  const { owner, repo, branch } = request;
  if (!exists) {
    await octokit.request("POST /repos/{owner}/{repo}/git/refs", {
      owner,
      repo,
      ref: `refs/heads/${branch}`,
      sha,
    });
    return;
  }
  // force: false — GitHub refuses the update if someone pushed in between; the outbox retries.
  await octokit.request("PATCH /repos/{owner}/{repo}/git/refs/{ref}", {
    owner,
    repo,
    ref: `heads/${branch}`,
    sha,
    force: false,
  });
}
