import type { Completion } from "../../llm/types.js";
import { NUDGES } from "./nudges.js";
import type { RunState, Stop } from "./run-state.js";

/**
 * What to do with a reply that calls no tool. Models often stop to talk
 * before they are done, so the first such reply gets a nudge; a second in a
 * row ends the run with its text as the summary. A reply cut off by
 * max_tokens is always told so, since it was not meant to end there.
 */
export function answerWithoutTools(state: RunState, completion: Completion): Stop | undefined {
  const cutOff = completion.stopReason === "max_tokens";
  if (!cutOff && state.nudged) {
    return { outcome: "finished", summary: completion.text.trim() || NUDGES.noSummary };
  }
  const note = cutOff ? NUDGES.cutOff : NUDGES.useTools;
  if (!cutOff) state.nudged = true;
  state.messages.push({ role: "user", content: note });
  state.transcript.add({ type: "note", turn: state.turns, text: note });
  return undefined;
}
