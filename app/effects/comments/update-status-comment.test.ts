import { beforeEach, describe, expect, it } from "vitest";
import type { TestDatabase } from "../../../test/helpers/database.js";
import type { GitHubNock } from "../../../test/helpers/github-nock.js";
import { usePerformerTestBed } from "../../../test/helpers/performer-test-bed.js";
import {
  contextFor,
  HEAD,
  REPO_PATH,
  seedStageRun,
  seedWorkItem,
} from "../check-runs/performer-fixtures.js";
import { performUpdateStatusComment } from "./update-status-comment.js";

const bed = usePerformerTestBed();
let db: TestDatabase;
let github: GitHubNock;
beforeEach(() => {
  ({ db, github } = bed);
});

const UPDATE = { type: "update_status_comment" } as const;
const MARKER = "<!-- quantapilot:status:1 -->";
const list = `${REPO_PATH}/issues/7/comments`;
const comment = (id: number) => `${REPO_PATH}/issues/comments/${id}`;
const ours = (id: number) => ({ id, body: `${MARKER}\nold`, user: { login: "quantapilot[bot]" } });
const storedId = async () =>
  Number(
    (await db.sql`SELECT status_comment_id FROM work_items WHERE id = 1`)[0]?.status_comment_id,
  );
const bodyOf = (index: number) =>
  String((github.requests()[index]?.body as { body?: string } | undefined)?.body);

async function seeded(statusCommentId: number | null = null) {
  const id = await seedWorkItem(db.sql, {
    state: "awaiting_approval",
    approvedSha: null,
    statusCommentId,
  });
  await seedStageRun(db.sql, id, {
    checkRunId: 5001,
    completedAt: "2026-03-01T12:04:00Z",
    usdSpent: 0.5,
  });
  await db.sql`INSERT INTO decisions (work_item_id, actor_login, actor_id, command, sha, source, delivery_id, accepted)
    VALUES (${id}, 'alice', 1, 'approve', ${"d".repeat(40)}, 'review', 'd-1', true)`;
  return contextFor(db.sql, id);
}

describe("performUpdateStatusComment", () => {
  it("creates the one status comment, records it, then edits it in place", async () => {
    const context = await seeded();
    github
      .get(list)
      .query(true)
      .reply(200, [{ id: 50, body: "LGTM", user: { login: "bob" } }]);
    github.post(list).reply(201, { id: 900 });
    github.patch(comment(900)).reply(200, {});
    await performUpdateStatusComment(context, UPDATE);
    await performUpdateStatusComment(context, UPDATE);
    expect(github.requests().map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET ${list}?per_page=100`,
      `POST ${list}`,
      `PATCH ${comment(900)}`,
    ]);
    expect(await storedId()).toBe(900);
    const body = bodyOf(1);
    expect(body.startsWith(`${MARKER}\n### QuantaPilot: Add a login page`)).toBe(true);
    expect(body).toContain("**Next:** Waiting for approval of implement at aaaaaaa");
    expect(body).toContain(
      "| 1 | implement | succeeded | [QuantaPilot / implement](https://github.com/acme/app/runs/5001) | $0.50 |",
    );
    expect(body).toContain("- `@alice` /approve at `ddddddd` (review, ");
    expect(body).toContain(`void: the head moved to \`${HEAD.slice(0, 7)}\``);
    expect(bodyOf(2)).toBe(body);
    github.expectDone();
  });

  it("finds its comment by the marker when the recorded one was deleted", async () => {
    const context = await seeded(800);
    github.patch(comment(800)).reply(404, { message: "Not Found" });
    github
      .get(list)
      .query(true)
      .reply(200, [{ id: 60, body: MARKER, user: { login: "mallory" } }, ours(901)]);
    github.patch(comment(901)).reply(200, {});
    await performUpdateStatusComment(context, UPDATE);
    expect(await storedId()).toBe(901);
    expect(github.requests().filter((r) => r.method === "POST")).toEqual([]);
    github.expectDone();
  });

  it("creates a new one when the recorded one is gone and none carries the marker", async () => {
    const context = await seeded(800);
    github.patch(comment(800)).reply(404, { message: "Not Found" });
    github.get(list).query(true).reply(200, []);
    github.post(list).reply(201, { id: 902 });
    await performUpdateStatusComment(context, UPDATE);
    expect(await storedId()).toBe(902);
    github.expectDone();
  });

  it("removes its own copy when another worker recorded a status comment first", async () => {
    const context = await seeded();
    github.get(list).query(true).reply(200, []);
    github.post(list).reply(201, async () => {
      await db.sql`UPDATE work_items SET status_comment_id = 903 WHERE id = 1`;
      return { id: 904 };
    });
    github.delete(comment(904)).reply(204);
    github.patch(comment(903)).reply(200, {});
    await performUpdateStatusComment(context, UPDATE);
    expect(await storedId()).toBe(903);
    expect(github.requests().map((r) => r.method)).toEqual(["GET", "POST", "DELETE", "PATCH"]);
    github.expectDone();
  });

  it("waits for a kickoff's pull request before it has anywhere to write", async () => {
    const id = await seedWorkItem(db.sql, {
      kind: "kickoff",
      stage: "plan",
      issueNumber: null,
      prNumber: null,
    });
    await performUpdateStatusComment(await contextFor(db.sql, id), UPDATE);
    expect(github.requests()).toEqual([]);
  });

  it("lets a GitHub server error through for the outbox to retry", async () => {
    const context = await seeded(800);
    github.patch(comment(800)).reply(500, { message: "boom" });
    await expect(performUpdateStatusComment(context, UPDATE)).rejects.toMatchObject({
      status: 500,
    });
    github.expectDone();
  });
});
