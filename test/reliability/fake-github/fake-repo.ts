import { createHash } from "node:crypto";

export interface FakeCommit {
  sha: string;
  tree: string;
  message: string;
  parents: string[];
}

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  login: string;
  viaApp: boolean;
  updatedAt: string;
}

export interface FakeCheckRun {
  id: number;
  name: string;
  headSha: string;
  externalId: string;
  status: string;
  conclusion: string | null;
  annotations: number;
  title: string;
}

export interface FakePull {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  state: "open" | "closed";
  merged: boolean;
  mergeSha: string | null;
}

export interface FakeWorkflowRun {
  id: number;
  displayTitle: string;
  createdAt: string;
  status: string;
  conclusion: string | null;
  stageRunId: number;
  spec: Record<string, unknown>;
}

/** Content-addressed like git, so the same content gives the same SHA in every run. */
export function hashOf(value: unknown): string {
  return createHash("sha1").update(JSON.stringify(value)).digest("hex");
}

/** One repository as GitHub holds it: git objects, refs, issues, checks, pulls, workflow runs. */
export function createFakeRepo(owner: string, name: string, id: number, installationId: number) {
  const trees = new Map<string, Record<string, string>>();
  const commits = new Map<string, FakeCommit>();
  // As git sorts a tree's entries: the same files give the same SHA in whatever order they came.
  const putTree = (files: Record<string, string>) => {
    const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)));
    const sha = hashOf(sorted);
    trees.set(sha, sorted);
    return sha;
  };
  const putCommit = (tree: string, message: string, parents: string[]) => {
    const commit = { sha: hashOf({ tree, message, parents }), tree, message, parents };
    commits.set(commit.sha, commit);
    return commit;
  };
  const root = putCommit(putTree({ "README.md": `# ${name}\n` }), "Initial commit", []);
  return {
    owner,
    name,
    id,
    installationId,
    fullName: `${owner}/${name}`,
    defaultBranch: "main",
    trees,
    commits,
    blobs: new Map<string, string>(),
    putTree,
    putCommit,
    refs: new Map<string, string>([["heads/main", root.sha]]),
    issues: new Map<number, { title: string; body: string; state: string; byApp?: boolean }>(),
    comments: new Map<number, FakeComment>(),
    checkRuns: new Map<number, FakeCheckRun>(),
    pulls: new Map<number, FakePull>(),
    reviews: new Map<number, { id: number; body: string; commitId: string }[]>(),
    workflowRuns: [] as FakeWorkflowRun[],
    nextNumber: 1,
  };
}

export type FakeRepo = ReturnType<typeof createFakeRepo>;
