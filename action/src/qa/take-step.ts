import { type MaybeStep, measured, type Reading, unreadable } from "./qa-step.js";
import { type QaRunOptions, runQaCommand } from "./run-qa-command.js";

/**
 * Runs a step and reads its output; a skipped step reads as why it was
 * skipped, a fixed one as its figures. A reader that throws (a bug, a
 * report that breaks a parser) becomes a reason, never a crash.
 */
export async function takeStep<T>(step: MaybeStep<T>, options: QaRunOptions): Promise<Reading<T>> {
  if ("skipped" in step) return unreadable(step.skipped);
  if ("fixed" in step) return measured(step.fixed);
  const run = await runQaCommand(step.command, options);
  try {
    return await step.read(run);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return unreadable(`the output of \`${step.command.label}\` could not be read: ${message}`);
  }
}
