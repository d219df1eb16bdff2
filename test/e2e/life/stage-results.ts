import { expect } from "vitest";
import type { StageResult } from "../../../contract/stage-result.js";
import { aQualityReport, aStageResult } from "../../fixtures/stage-result.js";
import { workflowRunOf } from "./github-side.js";
import type { Life } from "./life-bed.js";

/**
 * The action's side of the life: a stage result POSTed to the app with the
 * job's OIDC token (minted for the workflow run GitHub started), as the
 * action does. Expects it accepted; returns the app's answer. Recorded, to be sent again.
 */
export async function postResult(life: Life, stageRunId: number, result: StageResult) {
  life.results.push({ stageRunId, body: result });
  const { status, body } = await sendResult(life, stageRunId, result);
  expect({ status, body }).toMatchObject({ status: 202, body: { status: "accepted" } });
  return body;
}

/** POSTs `result` for stage run `stageRunId` with a token of the run GitHub started for it. */
export async function sendResult(life: Life, stageRunId: number, result: unknown) {
  const run = workflowRunOf(life, stageRunId);
  const token = await life.issuer.mint({ run_id: String(run.id) });
  const response = await fetch(`${life.app.url}/api/stage-runs/${stageRunId}/result`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(result),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The developer wrote `files` (path → content). */
export function implemented(stageRunId: number, files: Record<string, string>, title: string) {
  return aStageResult({
    stage_run_id: stageRunId,
    reason: `Implemented ${title}.`,
    changes: Object.entries(files).map(([path, content]) => ({
      path,
      action: "upsert" as const,
      encoding: "utf8" as const,
      content,
    })),
    commit_message: `${title}\n\nQuantaPilot-Stage: implement`,
    pr: { title, body: `Implements ${title}.` },
    prompt_versions: { developer: "3" },
  });
}

/** The PR's text as the developer wrote it: QA keeps it when it adds tests. */
export type PullText = { title: string; body: string };

/** QA added `files` and the quality gate failed with `findings`, each on line 1 of `at`. */
export function testsFailed(
  stageRunId: number,
  files: Record<string, string>,
  findings: string[],
  pr: PullText,
  at: string,
) {
  return aStageResult({
    stage_run_id: stageRunId,
    reason: "The quality gate failed: a test fails.",
    changes: Object.entries(files).map(([path, content]) => ({
      path,
      action: "upsert" as const,
      encoding: "utf8" as const,
      content,
    })),
    commit_message: "Add tests\n\nQuantaPilot-Stage: test",
    pr,
    quality_report: aQualityReport({
      tests: { passed: 3, failed: 1, skipped: 0, failures: [] },
      gate: { passed: false, reasons: ["1 test fails"] },
    }),
    findings: findings.map((message) => ({
      severity: "error" as const,
      message,
      path: at,
      line: 1,
    })),
    prompt_versions: { qa: "2" },
  });
}

/** QA ran the tests again: the gate passed, nothing new to write. */
export function testsPassed(stageRunId: number) {
  return aStageResult({
    stage_run_id: stageRunId,
    reason: "All tests pass; the quality gate passed.",
    changes: [],
    commit_message: "",
    pr: { title: "", body: "" },
    quality_report: aQualityReport(),
    findings: [],
    prompt_versions: { qa: "2" },
  });
}

/** The reviewer approves. */
export function reviewApproved(stageRunId: number) {
  return aStageResult({
    stage_run_id: stageRunId,
    reason: "The change matches the plan and the conventions.",
    changes: [],
    commit_message: "",
    pr: { title: "", body: "" },
    review: { event: "APPROVE", body: "Looks good.", comments: [] },
    findings: [],
    prompt_versions: { reviewer: "1" },
  });
}
