import type { z } from "zod";
import { type StageResult, stageResultSchema } from "../../contract/stage-result.js";
import { type Step, stop } from "./answer.js";
import { findNulCharacters } from "./find-nul-characters.js";
import { totalUsd } from "./result-events.js";

// Enough to fix a result by; a hostile one could otherwise make the answer huge.
const MAX_ERRORS = 50;
// numeric(12, 6) holds less than a million; more is no run's real cost.
const MAX_USD = 999_999;

type Issue = { path: string; message: string };

function toIssues(error: z.ZodError): Issue[] {
  const issues = error.issues.map((i) => ({
    path: i.path.map(String).join("."),
    message: i.message,
  }));
  // A result from a newer action fails everywhere; the version is the one to fix.
  const version = issues.find((issue) => issue.path === "version");
  return version ? [version] : issues.slice(0, MAX_ERRORS);
}

function parseJson(text: string): Step<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return stop(400, `The body is not JSON: ${(error as Error).message}`);
  }
}

/**
 * The body as a stage result for run `stageRunId`, or a 400 that names every
 * offending field by its key path. Nothing is stored for a body refused here.
 */
export function parseResultBody(text: string, stageRunId: number): Step<StageResult> {
  const json = parseJson(text);
  if (!json.ok) return json;
  // JSON must escape NUL, so only a body with the escape needs the walk.
  const nul = text.includes("\\u0000") ? findNulCharacters(json.value) : [];
  if (nul.length > 0) {
    const message = "contains a NUL character; send binary files as base64";
    return stop(400, "The body holds NUL characters (U+0000), which no result may carry.", {
      errors: nul.map((path) => ({ path, message })),
    });
  }
  const parsed = stageResultSchema.safeParse(json.value);
  if (!parsed.success) {
    return stop(400, "The body is not a valid stage result.", { errors: toIssues(parsed.error) });
  }
  const result = parsed.data;
  if (result.stage_run_id !== stageRunId) {
    const error = `The result is for stage run ${result.stage_run_id}, but was sent to stage run ${stageRunId}'s URL.`;
    return stop(400, error, { errors: [{ path: "stage_run_id", message: "must match the URL" }] });
  }
  if (totalUsd(result) > MAX_USD) {
    return stop(400, `The usage adds up to more than ${MAX_USD} USD, which no stage run costs.`, {
      errors: [{ path: "usage", message: "totals more USD than can be recorded" }],
    });
  }
  return { ok: true, value: result };
}
