import type { StartReleaseEffect } from "../../core/pipeline/effects.js";
import { ensureReleaseItem, parentOf } from "../../store/milestones.js";
import type { PerformerContext } from "../performer-context.js";
import { startWorkItem } from "./start-work-item.js";

/**
 * `start_release`, when the last milestone merged: the kickoff's one release
 * work item is created (or found) and its `release` stage starts.
 */
export async function performStartRelease(
  context: PerformerContext,
  _effect: StartReleaseEffect,
): Promise<void> {
  const { sql, ref, log } = context;
  const kickoffId = await parentOf(sql, ref.workItemId);
  if (kickoffId === null) return log.warn("Not a milestone: no release follows it");
  const [kickoff] = await sql<
    { title: string }[]
  >`SELECT title FROM work_items WHERE id = ${kickoffId}`;
  const title = `Release: ${(kickoff?.title ?? ref.repo).replace(/^Kickoff:\s*/, "")}`.slice(
    0,
    256,
  );
  const releaseId = await ensureReleaseItem(sql, kickoffId, title);
  const outcome = await startWorkItem(sql, releaseId);
  log.info({ releaseId, outcome }, "Release started");
}
