import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { StageResult } from "../../../contract/stage-result.js";
import { type ArtifactUpload, type ArtifactUploader, uploadArtifact } from "./artifact-uploader.js";

export type { ArtifactUpload, ArtifactUploader } from "./artifact-uploader.js";
export { createActionsArtifactUploader } from "./artifact-uploader.js";

/** The artifact a run's result is kept under, e.g. `quantapilot-result-42`. */
export const resultArtifactName = (stageRunId: number) => `quantapilot-result-${stageRunId}`;

/**
 * Writes the result as pretty JSON to `<dir>/quantapilot-result-<id>.json`
 * (creating `dir`) and returns the file's path: what a local run keeps, and
 * what the artifact holds.
 */
export async function writeResultFile(result: StageResult, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${resultArtifactName(result.stage_run_id)}.json`);
  await writeFile(path, `${JSON.stringify(result, null, 2)}\n`, { mode: 0o600 });
  return path;
}

/**
 * When the app cannot be reached: writes the result to a file in `dir` and
 * uploads it as the workflow artifact `quantapilot-result-<id>`, so the work
 * is not lost and a person can see what the agent produced. Never throws for
 * a failed upload; the outcome says why.
 */
export async function uploadResultArtifact(options: {
  result: StageResult;
  dir: string;
  uploader: ArtifactUploader;
}): Promise<{ file: string; artifact: ArtifactUpload }> {
  const file = await writeResultFile(options.result, options.dir);
  const name = resultArtifactName(options.result.stage_run_id);
  return { file, artifact: await uploadArtifact(options.uploader, name, [file], options.dir) };
}
