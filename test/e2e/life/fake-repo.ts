import { createHash } from "node:crypto";

/** One commit of the simulated repository: its files are kept whole, which is enough here. */
export interface FakeCommit {
  sha: string;
  tree: string;
  message: string;
  parents: string[];
  files: ReadonlyMap<string, string>;
}

export interface FakeCheckRun {
  id: number;
  name: string;
  head_sha: string;
  external_id: string;
  status: string;
  conclusion: string | null;
  output: { title?: string; summary?: string; text?: string; annotations_count: number };
  actions: unknown[];
}

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: string };
}

export interface FakeIssue {
  number: number;
  node_id: string;
  title: string;
  body: string;
  state: "open" | "closed";
  user: { login: string; type: string };
  labels: string[];
  comments: FakeComment[];
}

export interface FakePull {
  number: number;
  title: string;
  body: string;
  head: { ref: string; sha: string };
  base: { ref: string };
  state: "open" | "closed";
  merged: boolean;
  merge_commit_sha: string | null;
  reviews: { id: number; body: string; commit_id: string; event: string }[];
}

export interface FakeWorkflowRun {
  id: number;
  display_title: string;
  created_at: string;
  status: string;
  spec: string;
}

/** Deterministic 40-hex SHAs, so expected requests can name them. */
export function fakeSha(seed: string): string {
  return createHash("sha1").update(seed).digest("hex");
}

/**
 * The state of one repository on the simulated GitHub: commits with their
 * files, branches, issues and pull requests (one numbering, as GitHub
 * has), check runs, workflow runs. Changed only by the app's requests and
 * by the test playing people (`addIssue`, `permissions`).
 */
export class FakeRepo {
  readonly commits = new Map<string, FakeCommit>();
  readonly trees = new Map<string, ReadonlyMap<string, string>>();
  readonly refs = new Map<string, string>();
  readonly checkRuns = new Map<number, FakeCheckRun>();
  readonly issues = new Map<number, FakeIssue>();
  readonly pulls = new Map<number, FakePull>();
  readonly workflowRuns: FakeWorkflowRun[] = [];
  readonly permissions = new Map<string, string>();
  readonly releases: {
    id: number;
    tag_name: string;
    target_commitish: string;
    name: string;
    body: string;
    draft: boolean;
  }[] = [];
  /** The id of the last comment a person made (`comment()` in github-side.ts). */
  lastCommentId = 0;
  private counter = 0;
  private numbers = 0;

  constructor(
    readonly owner: string,
    readonly name: string,
    readonly id: number,
    readonly defaultBranch: string,
    readme: string,
  ) {
    const files = new Map([["README.md", readme]]);
    const root = this.commit("Initial commit", [], files);
    this.refs.set(defaultBranch, root.sha);
  }

  /** A fresh id for a comment, check run, review, workflow run. */
  nextId(): number {
    this.counter += 1;
    return 1000 + this.counter;
  }

  /** The next issue or pull request number (they share one sequence on GitHub). */
  nextNumber(): number {
    this.numbers += 1;
    return this.numbers;
  }

  storeTree(files: ReadonlyMap<string, string>): string {
    const sha = fakeSha(`tree:${JSON.stringify([...files].sort())}`);
    this.trees.set(sha, files);
    return sha;
  }

  commit(message: string, parents: string[], files: ReadonlyMap<string, string>): FakeCommit {
    const tree = this.storeTree(files);
    const sha = fakeSha(`commit:${message}:${parents.join()}:${tree}:${this.commits.size}`);
    const commit = { sha, tree, message, parents, files };
    this.commits.set(sha, commit);
    return commit;
  }

  head(branch = this.defaultBranch): FakeCommit {
    const sha = this.refs.get(branch);
    const commit = sha === undefined ? undefined : this.commits.get(sha);
    if (!commit) throw new Error(`fake GitHub: no branch ${branch}`);
    return commit;
  }

  /** Points `branch` at `sha`; open pull requests from it follow, as on GitHub. */
  moveBranch(branch: string, sha: string): void {
    this.refs.set(branch, sha);
    for (const pull of this.pulls.values()) {
      if (pull.state === "open" && pull.head.ref === branch) pull.head.sha = sha;
    }
  }

  /** A person squash-merges open PR `number` (the app never merges its onboarding PR). */
  mergeByPerson(number: number): string {
    const pull = this.pulls.get(number);
    const head = pull && this.commits.get(pull.head.sha);
    if (!pull || !head || pull.state !== "open") throw new Error(`PR #${number} cannot be merged`);
    const base = this.head(pull.base.ref);
    const commit = this.commit(`${pull.title} (#${number})`, [base.sha], head.files);
    this.refs.set(pull.base.ref, commit.sha);
    Object.assign(pull, { state: "closed", merged: true, merge_commit_sha: commit.sha });
    return commit.sha;
  }

  /** A person opens an issue. */
  addIssue(title: string, body: string, login = "Codertocat"): FakeIssue {
    const number = this.nextNumber();
    const issue: FakeIssue = {
      number,
      node_id: `I_node${number}`,
      title,
      body,
      state: "open",
      user: { login, type: "User" },
      labels: [],
      comments: [],
    };
    this.issues.set(number, issue);
    return issue;
  }

  /** The files of the default branch's head, e.g. to check what a merge brought. */
  filesOnDefaultBranch(): ReadonlyMap<string, string> {
    return this.head().files;
  }
}
