import {
  ALWAYS_PROTECTED_PATHS,
  type QuantaPilotConfig,
  ROLE_NAMES,
  type RoleName,
  type StageName,
} from "../../contract/config.js";
import { MAX_FINDINGS, type Finding as SpecFinding } from "../../contract/finding.js";
import type { StageSpec } from "../../contract/stage-spec.js";
import type { DispatchStageEffect } from "../core/pipeline/effects.js";
import type { Finding } from "../core/pipeline/state.js";
import type { AppIdentity, PerformerContext } from "./performer-context.js";
import type { WorkItemRef } from "./work-item-ref.js";

/** Who does each stage (DESIGN §3). */
export const STAGE_ROLES: Readonly<Record<StageName, RoleName>> = {
  plan: "architect",
  implement: "developer",
  test: "qa",
  review: "reviewer",
  release: "devops",
};

/** A dispatch that can never succeed as things stand; the message says what a person must do. */
export class DispatchFailure extends Error {
  override name = "DispatchFailure";
}

/**
 * `call`, with GitHub's answers that would be the same on every retry
 * (`definitive`: a 404 for what is gone, …) turned into a DispatchFailure
 * saying `why`; any other failure is thrown as is, for the outbox to retry.
 */
export async function orFail<T>(
  call: Promise<T>,
  definitive: readonly number[],
  why: (status: number) => string,
): Promise<T> {
  try {
    return await call;
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    if (typeof status === "number" && definitive.includes(status)) {
      throw new DispatchFailure(why(status));
    }
    throw error;
  }
}

type Octokit = PerformerContext["octokit"];

/** The head of the default branch, where a work item's first run starts. */
export async function fetchBranchHead(octokit: Octokit, ref: WorkItemRef): Promise<string> {
  const { owner, repo, defaultBranch } = ref;
  const params = { owner, repo, ref: `heads/${defaultBranch}` };
  const { data } = await orFail(
    octokit.request("GET /repos/{owner}/{repo}/git/ref/{ref}", params),
    // 409: the repository is empty.
    [404, 409],
    () => `the default branch ${defaultBranch} has no commit to start from`,
  );
  return data.object.sha;
}

/** What the agent is asked to do, and where the full text lives. */
export interface StageTask {
  title: string;
  text: string;
  url: string;
}

async function fetchIssueTask(octokit: Octokit, ref: WorkItemRef, number: number) {
  const { data } = await orFail(
    octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}", {
      owner: ref.owner,
      repo: ref.repo,
      issue_number: number,
    }),
    [404, 410],
    (status) => `issue #${number} cannot be read (${status}): it was deleted or transferred`,
  );
  const text = `${data.title}\n\n${data.body ?? ""}`.trim();
  return { title: data.title, text, url: data.html_url };
}

// A kickoff plans the product its README describes, as of the pinned commit.
async function fetchReadmeTask(octokit: Octokit, ref: WorkItemRef, baseSha: string) {
  const { data } = await orFail(
    octokit.request("GET /repos/{owner}/{repo}/readme", {
      owner: ref.owner,
      repo: ref.repo,
      ref: baseSha,
    }),
    [404],
    () => `the repository has no README at ${baseSha} to plan from`,
  );
  const readme = Buffer.from(data.content, "base64").toString("utf8").trim();
  const text = readme === "" ? "(The README is empty.)" : readme;
  return { title: ref.title, text, url: data.html_url ?? `${data.url}` };
}

/** The task of the work item: its issue's title and body, or (no issue) the README. */
export function fetchStageTask(octokit: Octokit, ref: WorkItemRef, baseSha: string) {
  if (ref.issueNumber !== null) return fetchIssueTask(octokit, ref, ref.issueNumber);
  return fetchReadmeTask(octokit, ref, baseSha);
}

// The pipeline keeps a finding's severity as a prefix of its summary (see toPipelineFinding).
function toSpecFinding(finding: Finding): SpecFinding {
  const [, severity, rest] = /^\((warning|info)\) ([\s\S]*)$/.exec(finding.summary) ?? [];
  return {
    severity: severity === "warning" || severity === "info" ? severity : "error",
    message: (rest ?? finding.summary).slice(0, 20_000) || "(no message)",
    ...(finding.path && { path: finding.path }),
    ...(finding.line !== undefined && finding.line > 0 && { line: finding.line }),
  };
}

export interface StageSpecInput {
  stageRunId: number;
  ref: WorkItemRef;
  effect: DispatchStageEffect;
  config: QuantaPilotConfig;
  baseSha: string;
  branch: string;
  task: StageTask;
  app: AppIdentity;
}

/** The spec of one stage run, before encoding (which validates it and cuts long texts). */
export function buildStageSpec({ ref, effect, config, task, ...run }: StageSpecInput): StageSpec {
  const budget = config.budgets.stage_run;
  return {
    version: 1,
    stage_run_id: run.stageRunId,
    repository: { owner: ref.owner, name: ref.repo, id: ref.repoId },
    work_item: {
      kind: ref.kind,
      ...(ref.issueNumber !== null && { number: ref.issueNumber }),
      title: task.title.slice(0, 256),
      url: task.url,
    },
    stage: effect.stage,
    role: STAGE_ROLES[effect.stage],
    work_branch: run.branch,
    base_sha: run.baseSha,
    iteration: effect.iteration,
    task: task.text,
    // Feedback was given on the work item, where a truncated body can be read in full.
    human_feedback: effect.feedback
      .slice(-50)
      .map((f) => ({ author: f.actor.slice(0, 100), body: f.body, url: task.url })),
    prior_findings: effect.findings.slice(0, MAX_FINDINGS).map(toSpecFinding),
    limits: {
      turns: budget.turns,
      tokens: budget.tokens,
      usd: effect.usdCap,
      minutes: budget.minutes,
    },
    models: Object.fromEntries(ROLE_NAMES.map((role) => [role, config.models[role].chain])),
    protected_paths: [...new Set([...ALWAYS_PROTECTED_PATHS, ...config.protected_paths])],
    allowed_commands: [...config.allowed_commands],
    result_url: `${run.app.publicUrl.replace(/\/+$/, "")}/api/stage-runs/${run.stageRunId}/result`,
    audience: run.app.audience,
    // Only the test stage measures against the gate; others need not carry it.
    ...(effect.stage === "test" && { quality: config.quality }),
  };
}
