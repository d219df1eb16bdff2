/**
 * How a `pull_request.synchronize` delivery relates to the head the work item
 * holds. GitHub does not promise delivery order, so an older push can arrive
 * after a newer one; applying it would move the head back and void (or carry)
 * an approval on the wrong commit.
 *
 * - `forward`: the push moves the head on from `from` (the head we hold, or the
 *   push's own `before` when we hold none): compare trees from there.
 * - `duplicate`: we already hold the pushed commit (a redelivery, or the app's own commit).
 * - `stale`: a newer push has moved the PR's head past this one: ignore it.
 * - `unknown`: it does not continue from the head we hold, so some push in
 *   between is missing or late; only the PR's current head can tell.
 */
export type HeadPushOrder =
  | { kind: "forward"; from: string | null }
  | { kind: "duplicate" }
  | { kind: "stale" }
  | { kind: "unknown" };

/** The commits a synchronize event names: `before` and `after` (= `pull_request.head.sha`). */
export interface HeadPush {
  before: string | null;
  after: string;
}

/**
 * Orders `push` against the `stored` head. `currentHead` is the PR's head as
 * GitHub reports it now, asked only when the first answer is `unknown`: the
 * push is the newest exactly when its `after` is that head.
 */
export function orderHeadPush(
  stored: string | null,
  push: HeadPush,
  currentHead?: string,
): HeadPushOrder {
  if (push.after === stored) return { kind: "duplicate" };
  if (stored === null) return { kind: "forward", from: push.before };
  if (push.before === stored) return { kind: "forward", from: stored };
  if (currentHead === undefined) return { kind: "unknown" };
  return currentHead === push.after ? { kind: "forward", from: stored } : { kind: "stale" };
}
