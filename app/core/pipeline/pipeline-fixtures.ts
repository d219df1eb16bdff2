import {
  configSchema,
  type QuantaPilotConfigInput,
  type StageName,
} from "../../../contract/config.js";
import type { Effect } from "./effects.js";
import type {
  MergeBlockedEvent,
  PipelineEvent,
  ResultAcceptedEvent,
  ResultRefusedEvent,
  RunLostEvent,
} from "./events.js";
import { freshIssueWorkItem } from "./fresh-work-item.js";
import type { PipelineConfig, PipelineState, ProjectState, WorkItem } from "./state.js";

/** Test data for the pipeline: states and configs built from the real config schema. */

export const NOW = "2026-03-01T12:00:00.000Z";
export const SHA_A = "a".repeat(40);
export const SHA_B = "b".repeat(40);
export const SHA_C = "c".repeat(40);

/** A validated config with every default filled in, as the loader returns it. */
export function configWith(input: QuantaPilotConfigInput = {}): PipelineConfig {
  return configSchema.parse(input);
}

export const DEFAULT_CONFIG = configWith();

export const ACTIVE_PROJECT: ProjectState = {
  status: "active",
  budgetUsd: null,
  spentUsd: 0,
  reservedUsd: 0,
  suspended: false,
};

/** A fresh issue work item, never started. */
export const FRESH_ITEM: WorkItem = freshIssueWorkItem(1, "implement");

export interface StateParts {
  item?: Partial<WorkItem>;
  project?: Partial<ProjectState>;
  config?: PipelineConfig;
}

/** A state: the fresh issue in an active project with the default config, patched. */
export function aState(parts: StateParts = {}): PipelineState {
  return {
    project: { ...ACTIVE_PROJECT, ...parts.project },
    item: { ...FRESH_ITEM, ...parts.item },
    config: parts.config ?? DEFAULT_CONFIG,
  };
}

/** An item whose run 1 of `stage` is in progress, on head SHA_A. */
export function runningItem(
  stage: WorkItem["stage"],
  patch: Partial<WorkItem> = {},
): Partial<WorkItem> {
  const iteration = patch.iteration ?? 0;
  const openRun = { id: 1, stage, iteration, status: "in_progress", usdCap: 5 } as const;
  return { stage, state: "running", openRun, lastRunId: 1, headSha: SHA_A, ...patch };
}

/** An item at `stage`'s human gate, on head SHA_A, after run 1. */
export function awaitingItem(
  stage: WorkItem["stage"],
  patch: Partial<WorkItem> = {},
): Partial<WorkItem> {
  return { stage, state: "awaiting_approval", lastRunId: 1, headSha: SHA_A, ...patch };
}

/** The effect types, in order. */
export function effectTypes(effects: readonly Effect[]): string[] {
  return effects.map((effect) => effect.type);
}

/** The one effect of `type`, for asserting on its payload. */
export function effectOf<T extends Effect["type"]>(
  effects: readonly Effect[],
  type: T,
): Extract<Effect, { type: T }> | undefined {
  return effects.find((effect): effect is Extract<Effect, { type: T }> => effect.type === type);
}

const by = { now: NOW, actor: "octocat" } as const;

/** Event builders: run 1, SHA_A and a successful result unless told otherwise. */
export const ev = {
  start: (stage?: StageName): PipelineEvent =>
    stage === undefined ? { type: "start", now: NOW } : { type: "start", now: NOW, stage },
  runStarted: (runId = 1): PipelineEvent => ({ type: "run_started", now: NOW, runId }),
  result: (patch: Partial<ResultAcceptedEvent> = {}): ResultAcceptedEvent => ({
    type: "result_accepted",
    now: NOW,
    runId: 1,
    outcome: "succeeded",
    usd: 1,
    findings: [],
    ...patch,
  }),
  refused: (patch: Partial<ResultRefusedEvent> = {}): ResultRefusedEvent => ({
    type: "result_refused",
    now: NOW,
    runId: 1,
    reason: "it touches .github/workflows/ci.yml",
    usd: 1,
    ...patch,
  }),
  lost: (patch: Partial<RunLostEvent> = {}): RunLostEvent => ({
    type: "run_lost",
    now: NOW,
    runId: 1,
    reason: "the job failed",
    timedOut: false,
    ...patch,
  }),
  approve: (sha?: string): PipelineEvent =>
    sha === undefined ? { type: "approve", ...by } : { type: "approve", ...by, sha },
  unapprove: (): PipelineEvent => ({ type: "unapprove", ...by }),
  reject: (feedback = "use the existing parser"): PipelineEvent => ({
    type: "reject",
    ...by,
    feedback,
  }),
  retry: (stage?: StageName): PipelineEvent =>
    stage === undefined ? { type: "retry", ...by } : { type: "retry", ...by, stage },
  hold: (): PipelineEvent => ({ type: "hold", ...by }),
  unhold: (): PipelineEvent => ({ type: "unhold", ...by }),
  cancel: (): PipelineEvent => ({ type: "cancel", ...by }),
  resume: (): PipelineEvent => ({ type: "resume", now: NOW }),
  pushed: (sha: string, treeUnchanged = false): PipelineEvent => ({
    type: "head_pushed",
    now: NOW,
    sha,
    treeUnchanged,
  }),
  merged: (sha = SHA_A): PipelineEvent => ({ type: "merged", now: NOW, sha }),
  blocked: (expectedHeadSha = SHA_A, reason = "required checks failed"): MergeBlockedEvent => ({
    type: "merge_blocked",
    now: NOW,
    expectedHeadSha,
    reason,
  }),
};

/** One event of every type. */
export const ONE_OF_EACH: readonly PipelineEvent[] = [
  ev.start(),
  ev.runStarted(),
  ev.result(),
  ev.refused(),
  ev.lost(),
  ev.approve(),
  ev.unapprove(),
  ev.reject(),
  ev.retry(),
  ev.hold(),
  ev.unhold(),
  ev.cancel(),
  ev.resume(),
  ev.pushed(SHA_B),
  ev.merged(),
  ev.blocked(),
];
