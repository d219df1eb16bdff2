import type { JSONValue, TransactionSql } from "postgres";
import { enqueueEffects } from "../store/outbox.js";

export interface CommentTarget {
  installationId: number;
  owner: string;
  repo: string;
  issueNumber: number;
  commentId: number;
  deliveryId: string;
}

/** Queues a reply on the issue or PR where the command was written. `key` keeps it single. */
export async function queueReply(
  tx: TransactionSql,
  target: CommentTarget,
  key: string,
  body: string,
) {
  const { owner, repo, issueNumber } = target;
  await enqueueEffects(tx, [
    {
      idempotencyKey: `comment:${target.deliveryId}:${key}`,
      kind: "post_comment",
      installationId: target.installationId,
      payload: { owner, repo, issueNumber, body } as unknown as Record<string, JSONValue>,
    },
  ]);
}

/** Queues a reaction on the command's comment: 👀 received, 👍 done. */
export async function queueReaction(
  tx: TransactionSql,
  target: CommentTarget,
  content: "eyes" | "+1",
) {
  const { owner, repo, commentId } = target;
  await enqueueEffects(tx, [
    {
      idempotencyKey: `react:${target.deliveryId}:${content}`,
      kind: "react",
      installationId: target.installationId,
      payload: { owner, repo, commentId, content },
    },
  ]);
}

/**
 * Queues the acknowledgement of an approval whose merge is under way: after
 * the merge in the outbox, so it can say 👍 merged or 👀 waiting (see
 * `acknowledgeMerge`). One per delivery.
 */
export async function queueMergeAcknowledgement(
  tx: TransactionSql,
  target: CommentTarget,
  workItemId: number,
) {
  const { owner, repo, commentId } = target;
  await enqueueEffects(tx, [
    {
      idempotencyKey: `react:${target.deliveryId}:after-merge`,
      kind: "acknowledge_merge",
      installationId: target.installationId,
      payload: { owner, repo, commentId, itemId: workItemId },
    },
  ]);
}
