import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { playIssueWork } from "./life/issue-work.js";
import { labelForImplement } from "./life/label-issue-step.js";
import { type Life, startLife } from "./life/life-bed.js";
import { snapshotLife } from "./life/life-snapshot.js";
import { seedActiveProject } from "./life/seed-active-project.js";
import { seededRandom, shuffled } from "./life/seeded-random.js";
import { sendResult } from "./life/stage-results.js";

const SEED = 20261124;

describe("redelivering every delivery of a life", () => {
  let life: Life;
  const random = seededRandom(SEED);
  beforeAll(async () => {
    // Every delivery is echoed at once, with one earlier one: the life's exact requests must still hold.
    life = await startLife({ echo: { random } });
    await seedActiveProject(life);
  });
  afterAll(() => life.close());

  it("interleaved with the life (each delivery and an earlier one sent again), changes none of its steps", async () => {
    const issue = life.github.repo.addIssue("Greet by name", "`hello <name>` greets.");
    const { workItemId, branch } = await labelForImplement(life, issue, "labeller", {
      created: true,
    });
    const { afterMerge } = await playIssueWork(life, {
      workItemId,
      issueNumber: issue.number,
      title: "Greet by name",
      branch,
      source: {
        path: "src/hello.ts",
        first: "export const v = 1;\n",
        fixed: "export const v = 2;\n",
      },
      test: { path: "test/hello.test.ts", content: "expect(v).toBe(2);\n", finding: "v is 1" },
      approver: "approver",
      approveBy: "comment",
    });
    expect(afterMerge).toEqual([]);
    expect(life.deliveries.map((d) => `${d.event}.${String(d.payload.action)}`)).toEqual([
      "issues.labeled",
      ...Array(5).fill("workflow_run.in_progress"),
      "issue_comment.created",
      "pull_request.closed",
    ]);
  });

  it("twice more after the life, shuffled, one by one and then all at once: same state, no request", async () => {
    const before = await snapshotLife(life);
    for (const delivery of shuffled(life.deliveries, random)) await life.redeliver(delivery);
    await Promise.all(shuffled(life.deliveries, random).map((d) => life.redeliver(d)));
    expect(await life.work()).toBe(0);
    expect(await snapshotLife(life)).toEqual(before);
    expect(life.github.take()).toEqual([]);
  });

  it("every stage result sent again is refused as a duplicate (409), changing nothing", async () => {
    const before = await snapshotLife(life);
    for (const { stageRunId, body } of shuffled(life.results, random)) {
      const answer = await sendResult(life, stageRunId, body);
      expect(answer.status).toBe(409);
      expect(String(answer.body.error)).toMatch(/already has a result|takes no more results/);
    }
    expect(await life.work()).toBe(0);
    expect(await snapshotLife(life)).toEqual(before);
    expect(life.github.take()).toEqual([]);
  });
});
