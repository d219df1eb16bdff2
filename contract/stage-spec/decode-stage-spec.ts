import type { z } from "zod";
import { type StageSpec, stageSpecSchema } from "./stage-spec-schema.js";

/** A problem with a received spec: the dotted path of the field ("" for the whole) and why. */
export type StageSpecError = { path: string; message: string };

export type DecodeStageSpecResult =
  | { ok: true; spec: StageSpec }
  | { ok: false; errors: StageSpecError[] };

function toSpecError(issue: z.core.$ZodIssue): StageSpecError {
  return { path: issue.path.map(String).join("."), message: issue.message };
}

// A spec from a newer app fails on many fields; the version is the one to report.
function onlyVersionError(errors: StageSpecError[]): StageSpecError[] {
  const version = errors.find((error) => error.path === "version");
  return version === undefined
    ? errors
    : [{ path: "version", message: `${version.message}; update the QuantaPilot action` }];
}

/**
 * Parses the `spec` input of a stage job. Never throws: a malformed or
 * invalid spec comes back as errors naming the offending field, for the job
 * log and the result's reason.
 */
export function decodeStageSpec(text: string): DecodeStageSpecResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ path: "", message: `is not JSON: ${String(error)}` }] };
  }
  const parsed = stageSpecSchema.safeParse(value);
  if (parsed.success) return { ok: true, spec: parsed.data };
  return { ok: false, errors: onlyVersionError(parsed.error.issues.map(toSpecError)) };
}
