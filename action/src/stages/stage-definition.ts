import type { RoleName, StageName } from "../../../contract/config.js";
import type { Finding } from "../../../contract/finding.js";
import type { QualityReport } from "../../../contract/quality-report.js";
import type { StageResult } from "../../../contract/stage-result.js";
import type { StageSpec } from "../../../contract/stage-spec.js";
import type { AgentRun } from "../agent/loop.js";
import type { Env } from "../agent/redactor.js";
import type { ToolName } from "../agent/tools/create-agent-tools.js";
import type { AgentTool } from "../agent/tools/define-tool.js";
import type { WorkspaceGuard } from "../agent/workspace-guard.js";

/** A PR review as the result carries it. */
export type StageReview = NonNullable<StageResult["review"]>;

/** What a stage works with: the spec, the checkout and its guard. */
export interface StageContext {
  spec: StageSpec;
  /** The checkout's real path. */
  root: string;
  guard: WorkspaceGuard;
  /** The scrubbed environment git and checks run with. */
  env: Readonly<Record<string, string>>;
  /** The full process environment, for stages that need more than the scrubbed one. */
  processEnv: Env;
  /** The commit the review diff starts from (merge base with the default branch), when known. */
  diffBase?: string;
  /** Aborts long post-processing (quality checks) when the stage run's time is up. */
  signal?: AbortSignal;
  /** A prefix that runs each command isolated from this process (`findIsolationPrefix`); none: run as is. */
  isolation?: readonly string[] | null;
}

/** What a stage hands back besides the file changes. */
export interface StageProducts {
  /** Set when the stage's deliverables are missing: the run fails with this reason. */
  failure?: string;
  review?: StageReview;
  qualityReport?: QualityReport;
  findings: Finding[];
  /** Lines a person should read first (PR body, job summary): plan outline, release version. */
  highlights: string[];
}

/** One run of a stage: its brief, its own tools, and what it makes of the agent's work. */
export interface StageSession {
  /** The stage's deliverables, put after the task in the first user message. */
  brief: string;
  /** Stage-only tools; one named `finish` replaces the shared one. */
  tools: AgentTool[];
  conclude(run: AgentRun): Promise<StageProducts>;
}

/** A stage as plain data plus the functions that differ per stage. */
export interface StageDefinition {
  stage: StageName;
  /** Who does it (DESIGN §3); the app routes the same role in the spec. */
  role: RoleName;
  /** The shared tools the agent gets (`finish` is always there). */
  tools: readonly ToolName[];
  /** Whether the files the agent changed become the result's changes. */
  writes: boolean;
  /** Output tokens per model call. */
  maxOutputTokens: number;
  open(context: StageContext): Promise<StageSession>;
}

/** Products with nothing in them. */
export function noProducts(): StageProducts {
  return { findings: [], highlights: [] };
}
