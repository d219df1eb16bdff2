import type { PipelineEvent } from "../pipeline/events.js";
import type { Command } from "./command.js";

/** What a command does: a pipeline event, or a report the app answers with. */
export type CommandEffect =
  | { kind: "event"; event: PipelineEvent }
  | { kind: "report"; report: "status" | "budget" | "help" };

/** Turns a parsed, authorised command into what the pipeline understands. `now` is passed in. */
export function toPipelineEvent(command: Command, actor: string, now: string): CommandEffect {
  const by = { actor, now };
  switch (command.name) {
    case "approve":
      if (command.cancel) return { kind: "event", event: { type: "unapprove", ...by } };
      return {
        kind: "event",
        event: { type: "approve", ...by, ...(command.sha ? { sha: command.sha } : {}) },
      };
    case "reject":
      return { kind: "event", event: { type: "reject", ...by, feedback: command.reason } };
    case "retry":
      return {
        kind: "event",
        event: { type: "retry", ...by, ...(command.stage ? { stage: command.stage } : {}) },
      };
    case "hold":
      return { kind: "event", event: { type: command.cancel ? "unhold" : "hold", ...by } };
    case "cancel":
      return { kind: "event", event: { type: "cancel", ...by } };
    default:
      return { kind: "report", report: command.name };
  }
}
