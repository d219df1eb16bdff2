import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StageResult } from "../../contract/stage-result.js";
import { aQualityReport, aStageResult } from "../fixtures/stage-result.js";
import { expectDispatch, only } from "./life/expectations.js";
import type { SentRequest } from "./life/fake-github.js";
import { type IssueWork, startRun } from "./life/issue-work.js";
import { labelForImplement } from "./life/label-issue-step.js";
import { type Life, startLife } from "./life/life-bed.js";
import { itemRow, runStatuses } from "./life/life-rows.js";
import { lifeStep } from "./life/life-step.js";
import { implemented, postResult, sendResult } from "./life/stage-results.js";
import { LIFE_INSTALLATION, LIFE_REPOSITORY } from "./life/webhook-payloads.js";

// The project's stored config (the default branch's) asks more than the defaults.
const CONFIG = { quality: { min_coverage: 90, max_lint_errors: 0 } };

const FAILURE = {
  name: "hello greets by name",
  file: "test/hello.test.ts",
  line: 3,
  message: "expected 'Hi Ada' to be 'Hello, Ada!'",
};

/**
 * What the runner measured on the first try: a failing test, a lint error,
 * coverage that passes the defaults but not this project's 90 % — and a
 * runner that claims the gate passed anyway. The app must not believe it.
 */
function firstTest(stageRunId: number): StageResult {
  return aStageResult({
    stage_run_id: stageRunId,
    reason: "Ran the tests.",
    changes: [],
    commit_message: "",
    pr: { title: "", body: "" },
    quality_report: aQualityReport({
      tests: { passed: 3, failed: 1, skipped: 0, failures: [FAILURE] },
      coverage: { total_pct: 85, changed_lines_pct: 75 },
      lint: {
        errors: 1,
        warnings: 0,
        problems: [
          {
            file: "src/hello.ts",
            line: 1,
            severity: "error",
            rule: "noSelfAssign",
            message: "x is assigned to itself.",
          },
        ],
      },
      gate: { passed: true, reasons: [] },
    }),
    findings: [],
    prompt_versions: { qa: "2" },
  });
}

function secondTest(stageRunId: number): StageResult {
  return aStageResult({
    stage_run_id: stageRunId,
    reason: "All tests pass.",
    changes: [],
    commit_message: "",
    pr: { title: "", body: "" },
    quality_report: aQualityReport({
      tests: { passed: 4, failed: 0, skipped: 0, failures: [] },
      coverage: { total_pct: 92, changed_lines_pct: 100 },
      lint: { errors: 0, warnings: 0, problems: [] },
      // A runner with a stricter idea: the app's config decides, and it passes.
      gate: { passed: false, reasons: ["the runner wanted 95 %"] },
    }),
    findings: [],
    prompt_versions: { qa: "2" },
  });
}

function completion(requests: SentRequest[], checkRunId: number | null) {
  const patch = requests.find(
    (r) => r.method === "PATCH" && r.path === `/check-runs/${checkRunId}`,
  );
  return patch?.body as { conclusion: string; output: { text: string; annotations?: object[] } };
}

describe("the quality gate over HTTP against the real server", () => {
  let life: Life;
  beforeAll(async () => {
    life = await startLife();
    await life.db.sql`INSERT INTO installations (id, account_login, account_type)
      VALUES (${LIFE_INSTALLATION.id}, ${LIFE_REPOSITORY.owner.login}, 'Organization')`;
    await life.db
      .sql`INSERT INTO projects (installation_id, repo_id, owner, name, default_branch, status, config)
      VALUES (${LIFE_INSTALLATION.id}, ${LIFE_REPOSITORY.id}, ${LIFE_REPOSITORY.owner.login}, ${LIFE_REPOSITORY.name}, 'main', 'active', ${life.db.sql.json(CONFIG)})`;
  });
  afterAll(() => life.close());

  it("a failed gate sends the item back to implement with the failing test; the next pass moves on to review", async () => {
    const issue = life.github.repo.addIssue(
      "Greet by name",
      "`hello <name>` prints `Hello, <name>!`.",
    );
    const { workItemId } = await labelForImplement(life, issue, "labeller", { created: true });
    // startRun reads only the work item's id of an IssueWork.
    const work = { workItemId } as IssueWork;

    // implement → test: the test stage's spec carries the project's thresholds.
    const implement = await startRun(life, work, 1);
    const wrote = await lifeStep(life, () =>
      postResult(
        life,
        implement.id,
        implemented(implement.id, { "src/hello.ts": "export const hello = 1;\n" }, "Greet by name"),
      ),
    );
    const testSpec = expectDispatch(wrote.requests, { stage: "test", role: "qa" });
    expect(testSpec.quality).toMatchObject({
      min_coverage: 90,
      min_changed_lines_coverage: 70,
      max_lint_errors: 0,
    });

    // test (run 2): the runner says "passed"; the app's own gate says failed.
    const test = await startRun(life, work, 2);
    const failed = await lifeStep(life, () => postResult(life, test.id, firstTest(test.id)));
    const check = completion(failed.requests, test.checkRunId);
    expect(check.conclusion).toBe("failure");
    expect(check.output.text).toContain(
      "| Tests pass | all pass, at least one | 3 passed, 1 failed, 0 skipped | ❌ fail |",
    );
    expect(check.output.text).toContain("| Coverage | ≥ 90% | 85% | ❌ fail |");
    expect(check.output.annotations).toEqual([
      {
        path: "test/hello.test.ts",
        start_line: 3,
        end_line: 3,
        annotation_level: "failure",
        message: FAILURE.message,
        title: FAILURE.name,
      },
      {
        path: "src/hello.ts",
        start_line: 1,
        end_line: 1,
        annotation_level: "failure",
        message: "x is assigned to itself.",
        title: "noSelfAssign",
      },
    ]);
    const [stored] = await life.db.sql<{ gate_passed: boolean }[]>`
      SELECT gate_passed FROM quality_reports WHERE stage_run_id = ${test.id}`;
    expect(stored?.gate_passed).toBe(false);

    const rework = expectDispatch(failed.requests, {
      stage: "implement",
      role: "developer",
      iteration: 1,
    });
    expect(rework.prior_findings).toEqual([
      {
        severity: "error",
        message: `Failing test "${FAILURE.name}": ${FAILURE.message}`,
        path: FAILURE.file,
        line: FAILURE.line,
      },
      {
        severity: "error",
        message: "Lint error (noSelfAssign): x is assigned to itself.",
        path: "src/hello.ts",
        line: 1,
      },
      { severity: "error", message: "Quality gate: 1 test failed" },
      { severity: "error", message: "Quality gate: Coverage is 85%, below the 90% required" },
      { severity: "error", message: "Quality gate: 1 lint error, more than the 0 allowed" },
    ]);
    expect(rework.quality).toBeUndefined();
    expect(await itemRow(life, workItemId)).toMatchObject({
      stage: "implement",
      state: "running",
      iteration: 1,
    });

    // implement (run 3) fixes it; test (run 4) passes the project's gate: on to review.
    const fix = await startRun(life, work, 3);
    const fixed = await lifeStep(life, () =>
      postResult(
        life,
        fix.id,
        implemented(fix.id, { "src/hello.ts": "export const hello = 2;\n" }, "Greet by name"),
      ),
    );
    expectDispatch(fixed.requests, { stage: "test", iteration: 1 });
    const retest = await startRun(life, work, 4);
    const passed = await lifeStep(life, () => postResult(life, retest.id, secondTest(retest.id)));
    const passedCheck = completion(passed.requests, retest.checkRunId);
    expect(passedCheck.conclusion).toBe("success");
    expect(passedCheck.output.text).toContain("| Coverage | ≥ 90% | 92% | ✅ pass |");
    expect(passedCheck.output.annotations).toBeUndefined();
    expectDispatch(passed.requests, { stage: "review", role: "reviewer" });
    expect(
      only(passed.requests, "POST /actions/workflows/quantapilot.yml/dispatches"),
    ).toBeDefined();
    expect(await runStatuses(life, workItemId)).toEqual([
      "implement:succeeded",
      "test:succeeded",
      "implement:succeeded",
      "test:succeeded",
      "review:dispatched",
    ]);
    expect(await itemRow(life, workItemId)).toMatchObject({ stage: "review", state: "running" });

    // The failed run's result sent again (a retry, or a replay) changes nothing.
    const again = await sendResult(life, test.id, { ...firstTest(test.id) });
    expect(again.status).toBe(409);
    expect(await itemRow(life, workItemId)).toMatchObject({ stage: "review", state: "running" });
  });
});
