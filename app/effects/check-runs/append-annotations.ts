import type { CheckRunAnnotation } from "../../core/report/check-run-annotations.js";
import { chunk, GITHUB_LIMITS } from "../../core/report/truncate.js";
import type { PerformerContext } from "../performer-context.js";

/** The check run being written and the output every update repeats (GitHub requires it). */
export interface CheckRunPatch {
  context: PerformerContext;
  checkRunId: number;
  output: { title: string; summary: string; text?: string };
}

/** The fields of the first update besides its output: status, conclusion, buttons. */
export interface CompletionFields {
  status: "completed";
  conclusion: string;
  completed_at: string;
  actions: { label: string; description: string; identifier: string }[];
}

/**
 * Updates the check run with `annotations`, at most 50 per request as GitHub
 * requires; each further request appends its batch. `first` goes with the
 * first request, which is sent even when there are no annotations.
 */
export async function appendAnnotations(
  { context, checkRunId, output }: CheckRunPatch,
  annotations: readonly CheckRunAnnotation[],
  first?: CompletionFields,
): Promise<void> {
  const batches = chunk(annotations, GITHUB_LIMITS.annotationsPerRequest);
  if (first !== undefined && batches.length === 0) batches.push([]);
  for (const [index, batch] of batches.entries()) {
    const fields = index === 0 && first !== undefined ? first : {};
    await context.octokit.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", {
      owner: context.ref.owner,
      repo: context.ref.repo,
      check_run_id: checkRunId,
      ...fields,
      output: batch.length === 0 ? output : { ...output, annotations: batch },
    });
  }
}
