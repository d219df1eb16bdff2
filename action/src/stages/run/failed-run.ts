import { createRedactor, type Env } from "../../agent/redactor.js";
import type { StageRunOutput } from "./run-stage.js";

/**
 * The output of a run that could not start or broke before its end (a
 * checkout at the wrong commit, a prompt override with a typo, git failing):
 * failed with the error's message, so the result still reaches the app and
 * its check run says what to fix, instead of a job that dies silently.
 */
export function failedRun(error: unknown, env: Env): StageRunOutput {
  const reason = error instanceof Error ? error.message : String(error);
  const redactor = createRedactor(env);
  return {
    agent: {
      outcome: "failed",
      summary: redactor.redact(reason),
      turns: 0,
      usage: [],
      transcript: [],
    },
    products: { findings: [], highlights: [] },
    collected: { changes: [], refusals: [], files: [] },
    promptVersions: {},
    fallbacks: [],
    redactor,
  };
}
