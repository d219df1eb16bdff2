import { beforeEach, describe, expect, it } from "vitest";
import type { TestDatabase } from "../../../test/helpers/database.js";
import type { GitHubNock } from "../../../test/helpers/github-nock.js";
import { usePerformerTestBed } from "../../../test/helpers/performer-test-bed.js";
import type { NotifyBudgetExhaustedEffect, ReplyEffect } from "../../core/pipeline/effects.js";
import {
  contextFor,
  REPO_PATH,
  resetTables,
  seedStageRun,
  seedWorkItem,
} from "../check-runs/performer-fixtures.js";
import type { EffectPerformer } from "../performer-context.js";
import { performNotifyBudgetExhausted } from "./notify-budget-exhausted.js";
import { effectMarker } from "./post-once.js";
import { performReply } from "./reply.js";

const bed = usePerformerTestBed();
let db: TestDatabase;
let github: GitHubNock;
beforeEach(() => {
  ({ db, github } = bed);
});

// Both still fit the outbox's performer type: the origin is an optional extra.
const asPerformers: [EffectPerformer<ReplyEffect>, EffectPerformer<NotifyBudgetExhaustedEffect>] = [
  performReply,
  performNotifyBudgetExhausted,
];
void asPerformers;

const origin = { idempotencyKey: "wi:1:delivery-1:0:reply", createdAt: "2026-03-01T12:10:00.000Z" };
const MARKER = effectMarker(1, "", origin);
const reply = (body: string) => ({ type: "reply", body }) as const;
const comments = (thread: number) => `${REPO_PATH}/issues/${thread}/comments`;
const byApp = (id: number, body: string) => ({ id, body, user: { login: "quantapilot[bot]" } });
const posts = () => github.requests().filter((r) => r.method === "POST");
const postedBody = () => String((posts()[0]?.body as { body?: string } | undefined)?.body);

describe("performReply", () => {
  it("posts once: a retry finds its comment by the effect's key among recent ones", async () => {
    const context = await contextFor(db.sql, await seedWorkItem(db.sql));
    const since = { per_page: "100", since: "2026-03-01T12:05:00.000Z" };
    github.get(comments(7)).query(since).reply(200, []);
    github.post(comments(7)).reply(201, { id: 1 });
    github
      .get(comments(7))
      .query(since)
      .reply(200, [byApp(1, `Nothing to merge.\n${MARKER}`)]);
    await performReply(context, reply("Nothing to merge."), origin);
    await performReply(context, reply("Nothing to merge."), origin);
    expect(posts()).toEqual([
      { method: "POST", path: comments(7), body: { body: `Nothing to merge.\n${MARKER}` } },
    ]);
    github.expectDone();
  });

  it("does not trust a marker someone else pasted", async () => {
    const context = await contextFor(db.sql, await seedWorkItem(db.sql));
    const pasted = { id: 2, body: MARKER, user: { login: "mallory" } };
    github.get(comments(7)).query(true).reply(200, [pasted]);
    github.post(comments(7)).reply(201, { id: 3 });
    await performReply(context, reply("Hello."), origin);
    expect(posts()).toHaveLength(1);
    github.expectDone();
  });

  it("talks on a kickoff's pull request, and waits silently while there is none", async () => {
    const kickoff = await seedWorkItem(db.sql, {
      kind: "kickoff",
      stage: "plan",
      issueNumber: null,
      prNumber: 3,
    });
    github.get(comments(3)).query(true).reply(200, []);
    github.post(comments(3)).reply(201, { id: 4 });
    await performReply(await contextFor(db.sql, kickoff), reply("Planned."));
    expect(github.requests()[0]?.path).toBe(`${comments(3)}?per_page=100`);

    await resetTables(db.sql);
    const noPr = await seedWorkItem(db.sql, {
      kind: "kickoff",
      stage: "plan",
      issueNumber: null,
      prNumber: null,
    });
    await performReply(await contextFor(db.sql, noPr), reply("Planned."));
    expect(github.requests()).toHaveLength(2);
    github.expectDone();
  });

  it("cuts a body over 65,536 characters, keeps its marker, and links the latest check run", async () => {
    const id = await seedWorkItem(db.sql);
    await seedStageRun(db.sql, id, { checkRunId: 5001 });
    github.get(comments(7)).query(true).reply(200, []);
    github.post(comments(7)).reply(201, { id: 5 });
    await performReply(await contextFor(db.sql, id), reply("y".repeat(70_000)), origin);
    const body = postedBody();
    expect(body).toHaveLength(65_536);
    expect(body).toContain(
      "Read the rest in [QuantaPilot / implement](https://github.com/acme/app/runs/5001).",
    );
    expect(body.endsWith(`\n${MARKER}`)).toBe(true);
    github.expectDone();
  });

  it("gives up quietly on a deleted issue, and lets a server error through", async () => {
    const context = await contextFor(db.sql, await seedWorkItem(db.sql));
    github.get(comments(7)).query(true).reply(410, { message: "This issue was deleted" });
    await performReply(context, reply("Hello."), origin);
    github.get(comments(7)).query(true).reply(502, { message: "Bad Gateway" });
    await expect(performReply(context, reply("Hello."), origin)).rejects.toMatchObject({
      status: 502,
    });
    github.expectDone();
  });
});

describe("performNotifyBudgetExhausted", () => {
  const notice: NotifyBudgetExhaustedEffect = {
    type: "notify_budget_exhausted",
    stage: "test",
    spentUsd: 48.5,
    reservedUsd: 0,
    budgetUsd: 50,
    neededUsd: 5,
  };

  it("posts the numbers and what to change, once, even without the outbox row", async () => {
    const context = await contextFor(db.sql, await seedWorkItem(db.sql));
    github.get(comments(7)).query({ per_page: "100" }).reply(200, []);
    github.post(comments(7)).reply(201, { id: 6 });
    await performNotifyBudgetExhausted(context, notice);
    const body = postedBody();
    expect(body).toContain("| Spent so far | $48.50 |");
    expect(body).toContain("| Left | $1.50 |");
    expect(body).toContain("`budgets.project.usd`");

    github
      .get(comments(7))
      .query({ per_page: "100" })
      .reply(200, [byApp(6, body)]);
    await performNotifyBudgetExhausted(context, notice);
    expect(posts()).toHaveLength(1);
    github.expectDone();
  });
});
