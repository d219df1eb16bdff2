/** Where a work item lives on GitHub: what every performer needs besides its effect. */
export interface WorkItemRef {
  workItemId: number;
  installationId: number;
  owner: string;
  repo: string;
  repoId: number;
  defaultBranch: string;
  kind: "kickoff" | "issue" | "release";
  title: string;
  /** The issue the work item is about (absent for a kickoff, whose home is its PR). */
  issueNumber: number | null;
  prNumber: number | null;
  branch: string | null;
  headSha: string | null;
  /** GitHub deletes a merged head branch itself (the repository's setting, as last seen). */
  deleteBranchOnMerge?: boolean;
}
