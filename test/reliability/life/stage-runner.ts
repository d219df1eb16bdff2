import type { StageResult } from "../../../contract/stage-result.js";
import { aQualityReport, aStageResult } from "../../fixtures/stage-result.js";
import type { LocalOidcIssuer } from "../../helpers/local-oidc-issuer.js";
import type { Place } from "./payloads.js";

/** What the runner knows of one dispatched workflow run: its id and the spec it was given. */
export interface DispatchedRun {
  place: Place;
  workflowRunId: number;
  spec: Record<string, unknown>;
}

/** The result a well-behaved agent sends for the spec's stage: code, tests, then an approving review. */
export function resultFor(run: DispatchedRun): StageResult {
  const id = Number(run.spec.stage_run_id);
  const stage = String(run.spec.stage);
  const slug = String(run.spec.work_branch).replace(/^quantapilot\//, "");
  const common = { stage_run_id: id, commit_message: `${stage} for ${slug}` };
  if (stage === "implement") {
    const content = `export const item = ${JSON.stringify(slug)};\n`;
    const changes = [
      { path: `src/${slug}.ts`, action: "upsert" as const, encoding: "utf8" as const, content },
    ];
    return aStageResult({
      ...common,
      changes,
      pr: { title: `Work on ${slug}`, body: "Implements it." },
    });
  }
  if (stage === "test") {
    const content = `import { item } from "../src/${slug}.js";\nconsole.assert(item);\n`;
    const changes = [
      {
        path: `test/${slug}.test.ts`,
        action: "upsert" as const,
        encoding: "utf8" as const,
        content,
      },
    ];
    return aStageResult({
      ...common,
      changes,
      pr: { title: `Work on ${slug}`, body: "Adds its tests." },
      quality_report: aQualityReport(),
    });
  }
  const review = { event: "APPROVE" as const, body: "Looks right.", comments: [] };
  return aStageResult({
    ...common,
    outcome: "succeeded",
    changes: [],
    pr: { title: "", body: "" },
    review,
  });
}

/** The job's OIDC token, as GitHub would mint it for this dispatched run on the default branch. */
export function tokenFor(issuer: LocalOidcIssuer, run: DispatchedRun): Promise<string> {
  const repository = `${run.place.owner}/${run.place.name}`;
  const workflowRef = `${repository}/.github/workflows/quantapilot.yml@refs/heads/main`;
  return issuer.mint({
    repository,
    repository_owner: run.place.owner,
    repository_id: String(run.place.repoId),
    run_id: String(run.workflowRunId),
    sub: `repo:${repository}:ref:refs/heads/main`,
    workflow_ref: workflowRef,
    job_workflow_ref: workflowRef,
  });
}

/** POSTs a stage result as the action does; returns the status the app answered. */
export async function postResult(
  appUrl: string,
  token: string,
  result: unknown,
  stageRunId: number,
) {
  try {
    const response = await fetch(`${appUrl}/api/stage-runs/${stageRunId}/result`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(result),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  } catch {
    return { status: 0, body: {} };
  }
}
