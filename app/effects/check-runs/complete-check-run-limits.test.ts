import { beforeEach, describe, expect, it } from "vitest";
import { aStageResult } from "../../../test/fixtures/stage-result.js";
import type { TestDatabase } from "../../../test/helpers/database.js";
import type { GitHubNock } from "../../../test/helpers/github-nock.js";
import { usePerformerTestBed } from "../../../test/helpers/performer-test-bed.js";
import type { CheckConclusion, CompleteCheckRunEffect } from "../../core/pipeline/effects.js";
import { performCompleteCheckRun } from "./complete-check-run.js";
import {
  contextFor,
  type ItemSeed,
  REPO_PATH,
  type RunSeed,
  seedStageRun,
  seedWorkItem,
} from "./performer-fixtures.js";

const bed = usePerformerTestBed();
let db: TestDatabase;
let github: GitHubNock;
beforeEach(() => {
  ({ db, github } = bed);
});

const CHECK = `${REPO_PATH}/check-runs/5001`;
const complete = (conclusion: CheckConclusion, summary = "The implement stage succeeded.") =>
  ({ type: "complete_check_run", runId: 1, conclusion, summary }) satisfies CompleteCheckRunEffect;

async function seeded(item: ItemSeed, run: RunSeed) {
  const id = await seedWorkItem(db.sql, item);
  await seedStageRun(db.sql, id, { checkRunId: 5001, completedAt: "2026-03-01T12:04:12Z", ...run });
  return contextFor(db.sql, id);
}

function checkRunIs(status: string, conclusion: string | null = null, annotations = 0) {
  github
    .get(CHECK)
    .reply(200, { id: 5001, status, conclusion, output: { annotations_count: annotations } });
}

const findings = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    severity: "error" as const,
    message: `problem ${i + 1}`,
    path: "src/login.ts",
    line: i + 1,
  }));

type Patch = {
  status?: string;
  conclusion?: string;
  actions?: unknown[];
  output: Record<string, unknown>;
};
const firstLine = (patch: Patch | undefined) =>
  (patch?.output.annotations as { start_line: number }[] | undefined)?.[0]?.start_line;
const patches = () =>
  github
    .requests()
    .filter((r) => r.method === "PATCH")
    .map((r) => r.body as Patch);

describe("performCompleteCheckRun at GitHub's limits", () => {
  it("sends 120 annotations as 50 + 50 + 20, and a repeat sends none of them again", async () => {
    const context = await seeded(
      { state: "waiting_for_human" },
      { result: aStageResult({ findings: findings(120) }) },
    );
    checkRunIs("in_progress");
    github.patch(CHECK).times(3).reply(200, {});
    await performCompleteCheckRun(context, complete("failure"));
    const sent = patches();
    expect(sent.map((p) => (p.output.annotations as unknown[]).length)).toEqual([50, 50, 20]);
    expect(sent.map((p) => p.status)).toEqual(["completed", undefined, undefined]);
    expect(sent[1]?.output).toMatchObject({
      title: sent[0]?.output.title,
      summary: sent[0]?.output.summary,
    });
    expect(firstLine(sent[2])).toBe(101);

    checkRunIs("completed", "failure", 120);
    await performCompleteCheckRun(context, complete("failure"));
    expect(patches()).toHaveLength(3);
    github.expectDone();
  });

  it("after a crash between batches, sends only the annotations still missing", async () => {
    const context = await seeded(
      { state: "waiting_for_human" },
      { result: aStageResult({ findings: findings(120) }) },
    );
    checkRunIs("completed", "failure", 50);
    github.patch(CHECK).times(2).reply(200, {});
    await performCompleteCheckRun(context, complete("failure"));
    const sent = patches();
    expect(sent.map(firstLine)).toEqual([51, 101]);
    expect(sent.every((p) => p.status === undefined)).toBe(true);
    github.expectDone();
  });

  it("cuts a text over 65,535 characters, with a note", async () => {
    const long = findings(200).map((f) => ({ ...f, message: "x".repeat(900) }));
    const context = await seeded(
      { state: "running" },
      { result: aStageResult({ findings: long }) },
    );
    checkRunIs("in_progress");
    github.patch(CHECK).times(4).reply(200, {});
    await performCompleteCheckRun(context, complete("failure"));
    const text = String(patches()[0]?.output.text);
    expect(text).toHaveLength(65_535);
    expect(text.endsWith("_(truncated: GitHub shows at most 65,535 characters here)_")).toBe(true);
    github.expectDone();
  });
});
