import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimDueEffects } from "../../app/store/outbox.js";
import type { TestServer } from "../helpers/test-server.js";
import { expectOutboxSettled, lines } from "./life/expectations.js";
import { labelIssue } from "./life/github-side.js";
import { labelForImplement } from "./life/label-issue-step.js";
import { type Life, startLife } from "./life/life-bed.js";
import { runRow, threadIds } from "./life/life-rows.js";
import { seedActiveProject } from "./life/seed-active-project.js";

describe("killing the worker between commit and effect", () => {
  let life: Life;
  beforeAll(async () => {
    life = await startLife();
    await seedActiveProject(life);
  });
  afterAll(() => life.close());

  const outbox = () =>
    life.db.sql`SELECT kind, status, attempts FROM outbox ORDER BY id`.then((rows) =>
      rows.map((row) => `${row.kind}:${row.status}:${row.attempts}`),
    );
  // The lease runs out (or the dashboard's burst ends): the clock is not waited for,
  // the rows are made due as time would.
  const expireLeases = () =>
    life.db.sql`UPDATE outbox SET run_after = now() WHERE status = 'pending'`;

  it("a worker that claimed the effects and died before starting one: after its lease, the restarted server performs each once, as a first attempt", async () => {
    const issue = life.github.repo.addIssue("Greet by name", "Greet.");
    let leased: number[] = [];
    await labelForImplement(
      life,
      issue,
      "labeller",
      { created: true },
      {
        // Nothing was started, so nothing can have been done: no attempt is spent, none searched for.
        retried: false,
        async beforeWork() {
          // What a worker does first, once the dashboard's burst ended (all four due);
          // then its process dies before performing anything.
          await expireLeases();
          leased = (await claimDueEffects(life.db.sql, 10, 10 * 60_000)).map((e) => e.id);
          expect(leased).toHaveLength(4);
          const sent = life.github.all().length;
          expect(await life.work()).toBe(0); // the live worker leaves leased rows alone
          expect(life.github.all()).toHaveLength(sent);
          await expireLeases();
          await life.restart();
        },
      },
    );
    // labelForImplement asserted each request once; each row took two claims, one attempt.
    expect(await outbox()).toEqual([
      "create_check_run:done:1",
      "dispatch_stage:done:1",
      "update_status_comment:done:1",
      "update_dashboard:done:1",
    ]);
    await life.restart();
    expect(await life.work()).toBe(0);
    expect(life.github.take()).toEqual([]);
  });

  it("GitHub acted but the worker died before recording it: the restarted worker finds the work instead of repeating it", async () => {
    await life.db.sql`TRUNCATE outbox`;
    const issue = life.github.repo.addIssue("Wave goodbye", "Say bye.");
    life.github.repo.permissions.set("labeller-two", "write");
    // Each POST reaches GitHub and is done there, but the answer never comes back.
    life.github.failAfterPerforming("POST", /^\/check-runs$/);
    life.github.failAfterPerforming("POST", /^\/actions\/workflows\/quantapilot\.yml\/dispatches$/);
    life.github.failAfterPerforming("POST", new RegExp(`^/issues/${issue.number}/comments$`));
    await labelIssue(life, issue.number, "quantapilot:implement", "labeller-two");
    // One pass, as the dying worker made once the dashboard's burst ended: each of the four once.
    await expireLeases();
    expect(await life.app.server.worker?.runOnce()).toBe(4);
    const [item] = await life.db
      .sql`SELECT id FROM work_items WHERE issue_number = ${issue.number}`;
    const workItemId = Number(item?.id);
    const run = await runRow(life, workItemId, 1);
    expect(await outbox()).toEqual([
      "create_check_run:pending:1",
      "dispatch_stage:pending:1",
      "update_status_comment:pending:1",
      "update_dashboard:done:1",
    ]);
    life.github.take();

    await expireLeases();
    await life.restart();
    await life.work();
    await expectOutboxSettled(life);
    const ids = await threadIds(life, workItemId);
    const retried = life.github.take().filter((r) => !r.path.endsWith("/access_tokens"));
    expect(lines(retried)).toEqual([
      `GET /commits/${run.baseSha}/check-runs`,
      "GET /actions/workflows/quantapilot.yml/runs",
      `GET /issues/${issue.number}/comments`,
      `PATCH /issues/comments/${ids.statusComment}`,
    ]);
    const repo = life.github.repo;
    const checks = [...repo.checkRuns.values()].filter(
      (c) => c.external_id === `qp:${workItemId}:1`,
    );
    expect(checks).toHaveLength(1);
    expect(
      repo.workflowRuns.filter((r) => r.display_title === `QuantaPilot stage run ${run.id}`),
    ).toHaveLength(1);
    expect(repo.issues.get(issue.number)?.comments).toHaveLength(1);
    const recorded = await runRow(life, workItemId, 1);
    expect(recorded).toMatchObject({ status: "dispatched", checkRunId: checks[0]?.id });
  });

  it("two replicas working the same due effects perform each once", async () => {
    await life.db.sql`TRUNCATE outbox`;
    const replica: TestServer = await life.startReplica();
    try {
      const issue = life.github.repo.addIssue("Count to ten", "Count.");
      life.github.repo.permissions.set("labeller-three", "write");
      await labelIssue(life, issue.number, "quantapilot:implement", "labeller-three");
      await expireLeases(); // the dashboard's burst ends: all four due at once
      const drain = async (server: TestServer) => {
        while (((await server.server.worker?.runOnce()) ?? 0) > 0) {}
      };
      await Promise.all([drain(life.app), drain(replica), drain(life.app), drain(replica)]);
      await expectOutboxSettled(life);
      const sent = lines(
        life.github.take().filter((r) => r.method !== "GET" && !r.path.endsWith("/access_tokens")),
      );
      const ids = await threadIds(
        life,
        Number(
          (await life.db.sql`SELECT id FROM work_items WHERE issue_number = ${issue.number}`)[0]
            ?.id,
        ),
      );
      expect(sent.sort()).toEqual(
        [
          "POST /check-runs",
          "POST /actions/workflows/quantapilot.yml/dispatches",
          `POST /issues/${issue.number}/comments`,
          `PATCH /issues/${ids.dashboard}`,
        ].sort(),
      );
    } finally {
      await replica.stop();
    }
  });
});
