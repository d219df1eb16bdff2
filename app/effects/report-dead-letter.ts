import type { Logger } from "pino";
import type { Sql } from "postgres";
import type { Probot } from "probot";
import { describeDeadLetter } from "../core/outbox/describe-dead-letter.js";
import type { ClaimedEffect } from "../store/outbox.js";
import { readBranchHead } from "./onboarding/read-repo-file.js";

interface Place {
  owner: string;
  repo: string;
  /** The work item's head, else null: the default branch's head is used. */
  sha: string | null;
  defaultBranch: string;
}

// Pipeline effects name their work item; onboarding effects their project.
async function placeOf(sql: Sql, effect: ClaimedEffect): Promise<Place | undefined> {
  const { workItemId, projectId } = effect.payload as { workItemId?: unknown; projectId?: unknown };
  const [row] =
    typeof workItemId === "number"
      ? await sql<
          { owner: string; name: string; sha: string | null; default_branch: string | null }[]
        >`
          SELECT p.owner, p.name, w.head_sha AS sha, p.default_branch
          FROM work_items w JOIN projects p ON p.id = w.project_id WHERE w.id = ${workItemId}`
      : typeof projectId === "number"
        ? await sql<{ owner: string; name: string; sha: null; default_branch: string | null }[]>`
            SELECT owner, name, NULL AS sha, default_branch FROM projects WHERE id = ${projectId}`
        : [];
  return (
    row && {
      owner: row.owner,
      repo: row.name,
      sha: row.sha,
      defaultBranch: row.default_branch ?? "main",
    }
  );
}

/**
 * The outbox's `onDeadLetter` hook: a failing check run, on the work item's
 * head (or the default branch's), that says what QuantaPilot gave up on and
 * why. Effects that name no work item or project are only logged (the
 * worker has counted them in the metric already).
 */
export function createDeadLetterReporter(deps: { probot: Probot; sql: Sql; log: Logger }) {
  return async (effect: ClaimedEffect, error: string): Promise<void> => {
    const place = await placeOf(deps.sql, effect);
    if (place === undefined)
      return deps.log.warn({ kind: effect.kind }, "Dead letter has no place to report");
    const octokit = await deps.probot.auth(effect.installationId);
    const where = { owner: place.owner, repo: place.repo };
    const sha = place.sha ?? (await readBranchHead(octokit, where, place.defaultBranch));
    if (sha === null)
      return deps.log.warn({ kind: effect.kind }, "Dead letter: no commit to report on");
    const report = describeDeadLetter(effect.kind, effect.id, effect.attempts, error);
    await octokit.request("POST /repos/{owner}/{repo}/check-runs", {
      ...where,
      name: report.name,
      head_sha: sha,
      external_id: `dead:${effect.id}`,
      status: "completed",
      conclusion: "failure",
      completed_at: new Date().toISOString(),
      output: { title: report.title, summary: report.summary },
    });
  };
}
