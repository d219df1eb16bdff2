import { expect } from "vitest";
import { snapshotDatabase } from "./database-snapshot.js";
import { CHECK_RUN_ID, type HostileWorld, type OpenRun, REPO_PATH } from "./hostile-world.js";
import { GITHUB_TOKEN } from "./result-cases.js";

/** A result refused on its merits: the run ends refused, nothing is queued to write, and the check run says why. */
export async function expectRunRefused(world: HostileWorld, run: OpenRun, why: RegExp) {
  const { sql } = world.db;
  const [stageRun] = await sql`SELECT status, reason FROM stage_runs WHERE id = ${run.stageRunId}`;
  expect(stageRun?.status).toBe("refused");
  expect(stageRun?.reason).toMatch(why);
  const [item] = await sql`SELECT head_sha, pr_number FROM work_items WHERE id = ${run.workItemId}`;
  expect(item).toEqual({ head_sha: null, pr_number: null });
  const kinds = (await sql`SELECT kind FROM outbox ORDER BY id`).map((row) => row.kind);
  expect(kinds).not.toContain("write_result");
  expect(kinds).toContain("complete_check_run");
  // No secret the result carried is kept anywhere, even masked copies aside.
  const everything = JSON.stringify(await snapshotDatabase(sql));
  expect(everything).not.toContain(GITHUB_TOKEN);
  expect(everything).not.toMatch(/sk-ant-[kx]{20}/);
  expect(run.github.requests()).toEqual([]);
  expect(world.unmatched).toEqual([]);
  await expectCheckRunSays(world, run, why);
}

/** Performs the queued check-run completion and reads what a person would see on it. */
async function expectCheckRunSays(world: HostileWorld, run: OpenRun, why: RegExp) {
  const { sql } = world.db;
  await sql`UPDATE outbox SET status = 'done' WHERE kind <> 'complete_check_run'`;
  let output: { title?: string; summary?: string } = {};
  run.github
    .patch(`${REPO_PATH}/check-runs/${CHECK_RUN_ID}`, (body) => {
      output = body.output ?? {};
      return body.conclusion === "action_required" || body.conclusion === "failure";
    })
    .reply(200, { id: CHECK_RUN_ID });
  await world.app.server.worker?.runOnce();
  run.github.expectDone();
  // Markdown escapes (`commit\_message`) are for the renderer; a person reads the text.
  expect(`${output.title}\n${output.summary}`.replace(/\\(.)/g, "$1")).toMatch(why);
}
