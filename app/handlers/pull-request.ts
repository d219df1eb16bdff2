import type { Logger } from "pino";
import type { TransactionSql } from "postgres";
import type { ProbotOctokit } from "probot";
import { z } from "zod";
import { orderHeadPush } from "../core/pipeline/order-head-push.js";
import { parsePayload } from "../ingest/payload-error.js";
import { applyPipelineEvent } from "../pipeline/apply-pipeline-event.js";
import {
  lockPullRequestWorkItem,
  type PullRequestWorkItem,
} from "../store/pull-request-work-item.js";
import { defineHandler } from "./define-handler.js";

const sha = z.string().regex(/^[0-9a-f]{40}$/);
const schema = z.object({
  installation: z.object({ id: z.number().int().positive() }),
  repository: z.object({ id: z.number().int().positive() }),
  pull_request: z.object({
    number: z.number().int().positive(),
    merged: z.boolean().nullable().optional(),
    merge_commit_sha: sha.nullable().optional(),
    head: z.object({ sha, ref: z.string() }),
  }),
  before: sha.optional(),
  after: sha.optional(),
});

type Octokit = Pick<ProbotOctokit, "request">;
type Push = z.output<typeof schema>;

/**
 * The work item's PR: a merge (by the app or by hand) moves the pipeline on;
 * a push to its head voids an approval unless the tree is unchanged, which is
 * asked of GitHub (two commit reads) only for work items' PRs. A push that
 * arrives after a newer one is ignored: the head never moves back.
 */
export const pullRequestChanged = defineHandler(
  ["pull_request.closed", "pull_request.synchronize"],
  async ({ context, tx, log, lastWritesSent }) => {
    const event = parsePayload(schema, context.payload, context.name);
    const pr = event.pull_request;
    const item = await lockPullRequestWorkItem(tx, event.repository.id, pr.number);
    if (item === undefined) return;
    const now = new Date().toISOString();
    if (context.payload.action === "synchronize") {
      const scope = { tx, octokit: context.octokit, log, lastWritesSent };
      return headPushed(scope, item, event, context.id);
    }
    if (!pr.merged) return;
    const merged = { type: "merged" as const, sha: pr.merge_commit_sha ?? pr.head.sha, now };
    await applyPipelineEvent(tx, item.workItemId, merged, context.id, { lastWritesSent });
  },
);

interface PushScope {
  tx: TransactionSql;
  octokit: Octokit;
  log: Logger;
  lastWritesSent: () => void;
}

async function headPushed(
  { tx, octokit, log, lastWritesSent }: PushScope,
  item: PullRequestWorkItem,
  event: Push,
  deliveryId: string,
): Promise<void> {
  const push = { before: event.before ?? null, after: event.pull_request.head.sha };
  let order = orderHeadPush(item.headSha, push);
  // Only a push that skips the head we hold costs a read: which of them is newest?
  if (order.kind === "unknown") {
    order = orderHeadPush(item.headSha, push, await readHead(octokit, item, event));
  }
  if (order.kind !== "forward") {
    return log.info({ order: order.kind, held: item.headSha, ...push }, "Push not applied");
  }
  // An approval binds the head we held, so the tree is compared from there.
  const treeUnchanged = order.from ? await sameTree(octokit, item, order.from, push.after) : false;
  const moved = { type: "head_pushed" as const, sha: push.after, treeUnchanged };
  await applyPipelineEvent(
    tx,
    item.workItemId,
    { ...moved, now: new Date().toISOString() },
    deliveryId,
    { lastWritesSent },
  );
}

async function readHead(octokit: Octokit, item: PullRequestWorkItem, event: Push) {
  const { data } = await octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", {
    owner: item.owner,
    repo: item.name,
    pull_number: event.pull_request.number,
  });
  return data.head.sha;
}

async function sameTree(
  octokit: Octokit,
  item: PullRequestWorkItem,
  before: string,
  after: string,
) {
  const tree = async (commit: string) =>
    (
      await octokit.request("GET /repos/{owner}/{repo}/git/commits/{commit_sha}", {
        owner: item.owner,
        repo: item.name,
        commit_sha: commit,
      })
    ).data.tree.sha;
  const [a, b] = await Promise.all([tree(before), tree(after)]);
  return a === b;
}
