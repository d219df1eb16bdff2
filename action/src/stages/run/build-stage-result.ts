import { MAX_FINDINGS } from "../../../../contract/finding.js";
import { type StageResult, stageResultSchema } from "../../../../contract/stage-result.js";
import type { StageSpec } from "../../../../contract/stage-spec.js";
import type { ModelUsage } from "../../agent/usage-tally.js";
import { buildCommitMessage } from "../../changes/commit-message.js";
import { buildPullRequestText } from "../../changes/pull-request-text.js";
import { decideOutcome } from "./decide-outcome.js";
import { findSecretValueRefusals } from "./find-secret-value-refusals.js";
import type { StageRunOutput } from "./run-stage.js";

/** A result that breaks the contract: a bug here, named field by field. */
export class InvalidStageResultError extends Error {
  override readonly name = "InvalidStageResultError";
}

function toResultUsage(usage: ModelUsage): StageResult["usage"][number] {
  return {
    provider: usage.provider,
    model: usage.model,
    input_tokens: usage.inputTokens,
    output_tokens: usage.outputTokens,
    cache_read_tokens: usage.cacheReadTokens,
    cache_write_tokens: usage.cacheWriteTokens,
    usd: usage.usd,
  };
}

/** The agent's summary with what a person should read first, for the commit and the PR. */
export function summaryWithHighlights(run: StageRunOutput): string {
  const notes = [
    ...run.products.highlights,
    ...run.fallbacks.map((line) => `Model fallback: ${line}`),
  ];
  const list = notes.map((line) => `- ${line}`).join("\n");
  return notes.length === 0 ? run.agent.summary : `${run.agent.summary}\n\n${list}`;
}

/**
 * The stage result to report: outcome decided from data (see
 * `decideOutcome`), changes only when they passed every guard (a secret
 * value from the environment refuses them too), commit message and PR text
 * for them, the stage's review, quality report and findings, usage per
 * model, prompt versions and the transcript's digest. Every text passes the
 * redactor, and the result is validated against the contract before it
 * leaves, so the app never sees one it would reject as malformed.
 */
export function buildStageResult(
  spec: StageSpec,
  run: StageRunOutput,
  transcriptDigest: string,
): StageResult {
  const { agent, products, collected, redactor } = run;
  const refusals = [...collected.refusals, ...findSecretValueRefusals(collected.changes, redactor)];
  const decided = decideOutcome({ agent, products, changes: collected.changes, refusals });
  const summary = summaryWithHighlights(run);
  const writes = decided.changes.length > 0;
  const texts = redactor.redactValue({
    reason: decided.reason,
    commit_message: writes
      ? buildCommitMessage({
          stage: spec.stage,
          stageRunId: spec.stage_run_id,
          workItem: spec.work_item,
          summary,
        })
      : "",
    pr: writes
      ? buildPullRequestText({ spec, summary, changes: decided.changes })
      : { title: "", body: "" },
    findings: products.findings.slice(0, MAX_FINDINGS),
    ...(products.review === undefined ? {} : { review: products.review }),
  });
  const result = {
    version: 1 as const,
    stage_run_id: spec.stage_run_id,
    outcome: decided.outcome,
    ...texts,
    changes: decided.changes,
    ...(products.qualityReport === undefined ? {} : { quality_report: products.qualityReport }),
    usage: agent.usage.map(toResultUsage),
    prompt_versions: run.promptVersions,
    transcript_digest: transcriptDigest,
    ...(agent.limitHit === undefined ? {} : { limits_hit: [agent.limitHit] }),
  };
  const parsed = stageResultSchema.safeParse(result);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new InvalidStageResultError(
      `The action built a stage result the contract refuses (${problems}); please report this as a bug.`,
    );
  }
  return parsed.data;
}
