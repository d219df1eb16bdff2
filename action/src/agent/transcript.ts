import type { BudgetLimit } from "../llm/budget-guard.js";
import type { ProviderName, StopReason, ToolCall, Usage } from "../llm/types.js";
import type { Redactor } from "./redactor.js";

/** How an agent run ended. */
export type AgentOutcome = "finished" | "limit" | "failed";

/** One step of a run, as kept for the artifact and the result's digest. Every string is redacted. */
export type TranscriptEntry =
  | { type: "prompt"; at: number; system: string; user: string; cacheKey: string }
  | {
      type: "assistant";
      at: number;
      turn: number;
      provider: ProviderName;
      model: string;
      text: string;
      toolCalls: ToolCall[];
      stopReason: StopReason;
      usage: Usage;
      usd: number;
    }
  | {
      type: "tool";
      at: number;
      turn: number;
      toolCallId: string;
      name: string;
      content: string;
      isError: boolean;
      durationMs: number;
    }
  | { type: "note"; at: number; turn: number; text: string }
  | {
      type: "stop";
      at: number;
      turn: number;
      outcome: AgentOutcome;
      summary: string;
      limitHit?: BudgetLimit;
    };

type WithoutTime<T> = T extends unknown ? Omit<T, "at"> : never;

/** An entry before it is stamped with the time. */
export type NewTranscriptEntry = WithoutTime<TranscriptEntry>;

/** The run's record: entries are redacted and stamped when added, then passed to the log. */
export interface Transcript {
  add(entry: NewTranscriptEntry): void;
  entries(): readonly TranscriptEntry[];
}

/**
 * Creates a transcript that redacts every entry as it is added, so nothing
 * unredacted is ever stored, logged or digested, whatever the caller passes.
 */
export function createTranscript(options: {
  redactor: Redactor;
  now: () => number;
  log?: ((entry: TranscriptEntry) => void) | undefined;
}): Transcript {
  const entries: TranscriptEntry[] = [];
  return {
    add(entry) {
      const stamped = options.redactor.redactValue({
        ...entry,
        at: options.now(),
      }) as TranscriptEntry;
      entries.push(stamped);
      options.log?.(stamped);
    },
    entries: () => entries,
  };
}
