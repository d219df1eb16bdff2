import type { Reaction } from "./acknowledgement.js";

/**
 * How long an approval's acknowledgement follows its merge. The merge itself
 * gives up on required checks after a day (and then says why); past this the
 * merge effect was dead-lettered, which its failing check run reports.
 */
export const MAX_ACKNOWLEDGEMENT_WAIT_MS = 2 * 24 * 60 * 60_000;

export interface MergeProgress {
  /** The work item's state now (`merging` while the merge is under way). */
  itemState: string;
  /** 👀 was already put on the comment by an earlier attempt. */
  eyesPosted: boolean;
  /** Since the acknowledgement was queued. */
  waitedMs: number;
}

/**
 * An approval whose merge was tried in the same outbox drain: merged → 👍
 * alone (received and done in one); still waiting for required checks → 👀
 * now and 👍 once it merges (`wait`: ask again later, no request meanwhile);
 * anything else (blocked, cancelled) → 👀, since the item's thread already
 * says why it did not merge.
 */
export function acknowledgeMerge(progress: MergeProgress): {
  react: Reaction | null;
  wait: boolean;
} {
  const eyes = progress.eyesPosted ? null : "eyes";
  if (progress.itemState === "done") return { react: "+1", wait: false };
  if (progress.itemState !== "merging") return { react: eyes, wait: false };
  return { react: eyes, wait: progress.waitedMs < MAX_ACKNOWLEDGEMENT_WAIT_MS };
}
