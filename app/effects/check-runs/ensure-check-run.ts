import { checkRunExternalId, checkRunName } from "../../core/report/check-run-identity.js";
import { type CheckRunOutput, renderQueuedOutput } from "../../core/report/check-run-output.js";
import { recordCheckRunId, type StageRunRecord } from "../../store/check-runs.js";
import type { PerformerContext } from "../performer-context.js";

/** A rendered output as the Checks API takes it: an empty `text` is left out. */
export function outputOf({ title, summary, text }: CheckRunOutput) {
  return text === "" ? { title, summary } : { title, summary, text };
}

// A run with no commit of its own yet reports on the default branch's head, where it starts.
async function defaultBranchHead(context: PerformerContext): Promise<string> {
  const { owner, repo, defaultBranch } = context.ref;
  const { data } = await context.octokit.request("GET /repos/{owner}/{repo}/git/ref/{ref}", {
    owner,
    repo,
    ref: `heads/${defaultBranch}`,
  });
  return data.object.sha;
}

async function findExisting(
  context: PerformerContext,
  headSha: string,
  name: string,
  externalId: string,
): Promise<number | undefined> {
  const { owner, repo } = context.ref;
  const { data } = await context.octokit.request(
    "GET /repos/{owner}/{repo}/commits/{ref}/check-runs",
    { owner, repo, ref: headSha, check_name: name, filter: "all", per_page: 100 },
  );
  // Another app may use the same name; only our own external id on our own check run counts.
  const mine = data.check_runs.find(
    (run) =>
      run.external_id === externalId && (run.app?.slug ?? context.app.slug) === context.app.slug,
  );
  return mine === undefined ? undefined : Number(mine.id);
}

/**
 * The stage run's check run: the recorded one, else the one an earlier
 * attempt created (found by `external_id` on the commit), else a new queued
 * one. Its id is recorded, so every later call costs no GitHub request.
 * On `headSha` (the effect's), else the SHA the run is pinned to, else the
 * item's head, else the default branch's head. `mayExist: false` (the
 * creating effect's first attempt, when nothing can have made it yet) skips
 * the search.
 */
export async function ensureCheckRun(
  context: PerformerContext,
  run: StageRunRecord,
  headSha: string | null,
  { mayExist = true }: { mayExist?: boolean } = {},
): Promise<number> {
  if (run.checkRunId !== null) return run.checkRunId;
  const { ref, octokit } = context;
  const sha = headSha ?? run.baseSha ?? ref.headSha ?? (await defaultBranchHead(context));
  const name = checkRunName(run.stage);
  const externalId = checkRunExternalId(ref.workItemId, run.runNumber);
  let id = mayExist ? await findExisting(context, sha, name, externalId) : undefined;
  if (id === undefined) {
    const { data } = await octokit.request("POST /repos/{owner}/{repo}/check-runs", {
      owner: ref.owner,
      repo: ref.repo,
      name,
      head_sha: sha,
      external_id: externalId,
      status: "queued",
      output: outputOf(renderQueuedOutput(run.stage)),
    });
    id = Number(data.id);
  }
  await recordCheckRunId(context.sql, ref.workItemId, run.runNumber, id);
  return id;
}
