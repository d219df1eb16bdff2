import type { UpdateStatusCommentEffect } from "../../core/pipeline/effects.js";
import { checkRunUrl } from "../../core/report/links.js";
import { renderStatusComment, type StatusView } from "../../core/report/status-comment.js";
import { truncateComment } from "../../core/report/truncate.js";
import { readStatusFacts } from "../../store/check-runs.js";
import type { ClaimedEffect } from "../../store/outbox.js";
import { loadPipeline } from "../../store/pipeline-store.js";
import { repoLocation } from "../check-runs/repo-location.js";
import type { PerformerContext } from "../performer-context.js";
import { isSuperseded } from "../superseded.js";
import { workItemThread } from "./work-item-thread.js";
import { writeStatusComment } from "./write-status-comment.js";

interface LoadedView {
  view: StatusView;
  storedId: number | null;
}

// The state as it is now, not as the effect's transition left it: a late update shows the latest.
async function loadStatusView(context: PerformerContext): Promise<LoadedView | undefined> {
  const id = context.ref.workItemId;
  const facts = await readStatusFacts(context.sql, id);
  const loaded = await context.sql.begin((tx) => loadPipeline(tx, id));
  if (facts === undefined || loaded === undefined) return undefined;
  const at = repoLocation(context);
  const runs = facts.runs.map((run) => ({
    ...run,
    checkRunUrl: run.checkRunId === null ? null : checkRunUrl(at, run.checkRunId),
  }));
  const view = { state: loaded.state, title: loaded.ref.title, runs, decisions: facts.decisions };
  return { view, storedId: facts.statusCommentId };
}

/**
 * `update_status_comment`: re-renders the work item's one status comment
 * (stage, state, check runs, iteration, approvals by SHA, spend against the
 * budget, who acts next) and edits it in place, creating it the first time.
 * Skipped when a later update for the item is already queued (it shows more).
 */
export const performUpdateStatusComment = async (
  context: PerformerContext,
  _effect: UpdateStatusCommentEffect,
  origin?: Pick<ClaimedEffect, "id" | "kind">,
): Promise<void> => {
  const thread = workItemThread(context.ref);
  if (thread === null) return context.log.debug("No issue or pull request yet for the status");
  const scope = { field: "workItemId", value: context.ref.workItemId } as const;
  if (origin !== undefined && (await isSuperseded(context.sql, { ...origin, ...scope }))) {
    return context.log.debug("A later status update is queued; this one is left to it");
  }
  const loaded = await loadStatusView(context);
  if (loaded === undefined) return context.log.warn("The work item is gone; no status to show");
  const body = truncateComment(renderStatusComment(loaded.view), null);
  await writeStatusComment(context, thread, body, loaded.storedId);
};
