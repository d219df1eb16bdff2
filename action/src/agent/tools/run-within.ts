import { createContext, runInContext } from "node:vm";

/** The value, or `timedOut` when the work ran past its time. */
export type Timed<T> = { ok: true; value: T } | { ok: false; timedOut: true };

/**
 * Runs synchronous work with a hard time limit. A regular expression can
 * backtrack for hours on a line of 30 characters and JavaScript cannot
 * interrupt it; V8's watchdog can, for code started through `vm` with a
 * timeout, including the host functions that code calls.
 */
export function runWithin<T>(ms: number, work: () => T): Timed<T> {
  const context = createContext({ work });
  try {
    return { ok: true, value: runInContext("work()", context, { timeout: Math.max(1, ms) }) as T };
  } catch (error) {
    if ((error as { code?: unknown }).code === "ERR_SCRIPT_EXECUTION_TIMEOUT") {
      return { ok: false, timedOut: true };
    }
    throw error;
  }
}
