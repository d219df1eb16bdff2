import type { ProbotOctokit } from "probot";
import { z } from "zod";
import { parsePayload } from "../ingest/payload-error.js";
import { applyPipelineEvent } from "../pipeline/apply-pipeline-event.js";
import { findProjectByRepoId, findWorkItemByNumber } from "../store/work-items.js";
import { defineHandler } from "./define-handler.js";

const sha = z.string().regex(/^[0-9a-f]{40}$/);
const schema = z.object({
  installation: z.object({ id: z.number().int().positive() }),
  repository: z.object({
    id: z.number().int().positive(),
    name: z.string(),
    owner: z.object({ login: z.string() }),
  }),
  pull_request: z.object({
    number: z.number().int().positive(),
    merged: z.boolean().nullable().optional(),
    merge_commit_sha: sha.nullable().optional(),
    head: z.object({ sha, ref: z.string() }),
  }),
  before: sha.optional(),
  after: sha.optional(),
});

/**
 * The work item's PR: a merge (by the app or by hand) moves the pipeline on;
 * a push to its head voids an approval unless the tree is unchanged, which is
 * asked of GitHub (two commit reads) only for work items' PRs.
 */
export const pullRequestChanged = defineHandler(
  ["pull_request.closed", "pull_request.synchronize"],
  async ({ context, tx }) => {
    const event = parsePayload(schema, context.payload, context.name);
    const pr = event.pull_request;
    const project = await findProjectByRepoId(tx, event.repository.id);
    const workItemId = project && (await findWorkItemByNumber(tx, project.id, pr.number));
    if (!project || workItemId === undefined) return;
    const now = new Date().toISOString();
    if (context.payload.action === "closed") {
      if (!pr.merged) return;
      await applyPipelineEvent(
        tx,
        workItemId,
        { type: "merged", sha: pr.merge_commit_sha ?? pr.head.sha, now },
        context.id,
      );
      return;
    }
    const treeUnchanged = event.before
      ? await sameTree(context.octokit, project, event.before, pr.head.sha)
      : false;
    await applyPipelineEvent(
      tx,
      workItemId,
      { type: "head_pushed", sha: pr.head.sha, treeUnchanged, now },
      context.id,
    );
  },
);

async function sameTree(
  octokit: Pick<ProbotOctokit, "request">,
  project: { owner: string; name: string },
  before: string,
  after: string,
) {
  const tree = async (commit: string) =>
    (
      await octokit.request("GET /repos/{owner}/{repo}/git/commits/{commit_sha}", {
        owner: project.owner,
        repo: project.name,
        commit_sha: commit,
      })
    ).data.tree.sha;
  const [a, b] = await Promise.all([tree(before), tree(after)]);
  return a === b;
}
