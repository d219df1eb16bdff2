import { STAGE_NAMES, type StageName } from "../../../contract/config.js";
import type { PipelineConfig, WorkItemKind } from "./state.js";

const RELEASE_FLOW: readonly StageName[] = ["release"];

/** The stages a kind of work item runs, in pipeline order; unconfigured stages are skipped. */
export function stagesFor(kind: WorkItemKind, config: PipelineConfig): readonly StageName[] {
  if (kind === "release") return RELEASE_FLOW;
  return kind === "kickoff" ? config.stages.kickoff : config.stages.issue;
}

/** The configured stage after `stage`, or null when `stage` is the last. */
export function nextStage(
  kind: WorkItemKind,
  config: PipelineConfig,
  stage: StageName,
): StageName | null {
  const rank = STAGE_NAMES.indexOf(stage);
  return stagesFor(kind, config).find((s) => STAGE_NAMES.indexOf(s) > rank) ?? null;
}

/**
 * Where a failed gate, requested changes or a rejection send the work item:
 * `implement` when it runs, else the first stage (a kickoff's `plan`).
 */
export function reworkStage(kind: WorkItemKind, config: PipelineConfig): StageName | null {
  const stages = stagesFor(kind, config);
  return stages.includes("implement") ? "implement" : (stages[0] ?? null);
}

/** Whether a human must approve `stage` before the item moves on. */
export function isGated(config: PipelineConfig, stage: StageName): boolean {
  return config.gates[stage];
}

/** Stages whose whole job is to change files, so "no changes" means they did nothing. */
export function requiresChanges(kind: WorkItemKind, stage: StageName): boolean {
  return stage === "implement" || (stage === "plan" && kind === "kickoff");
}
