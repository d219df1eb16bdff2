import type { CheckConclusion } from "../effects.js";
import type { ResultAcceptedEvent } from "../events.js";
import { requiresChanges } from "../flow.js";
import type { PipelineState } from "../state.js";
import { loopBack, passStage } from "./advance.js";
import { closeRun, findOpenRun, invalidUsd, reportRun } from "./close-run.js";
import { patchItem, refuse, type Step, stay, type Transition } from "./step.js";

interface Verdict {
  conclusion: CheckConclusion;
  headline: string;
  step: Step;
}

function toPerson(state: PipelineState, conclusion: CheckConclusion, headline: string): Verdict {
  return { conclusion, headline, step: stay(patchItem(state, { state: "waiting_for_human" })) };
}

function sendBack(state: PipelineState, event: ResultAcceptedEvent, what: string): Verdict {
  const count = event.findings.length;
  const headline = `${what} (${count} ${count === 1 ? "finding" : "findings"}).`;
  return { conclusion: "failure", headline, step: loopBack(state, event.findings) };
}

/** What the result means for the stage that produced it. */
function judge(state: PipelineState, event: ResultAcceptedEvent): Verdict {
  const { kind, stage } = state.item;
  const why = event.reason === undefined ? "" : `: ${event.reason}`;
  if (event.outcome === "failed") {
    return toPerson(state, "failure", `The ${stage} stage failed${why}.`);
  }
  if (event.outcome === "no_changes" && requiresChanges(kind, stage)) {
    return toPerson(state, "neutral", `The ${stage} stage changed nothing${why}.`);
  }
  if (stage === "test" && event.gatePassed !== true) {
    return sendBack(state, event, "The quality gate failed");
  }
  if (stage === "review" && event.reviewVerdict !== "approve") {
    return sendBack(state, event, "The review requested changes");
  }
  return {
    conclusion: "success",
    headline: `The ${stage} stage succeeded.`,
    step: passStage(state),
  };
}

/**
 * The open run's result was stored and written. Charge its cost, take its
 * head, then, judged by the stage that ran: a failure goes to a person; a failed gate or requested changes
 * go back to implement; success waits for the stage's gate or moves on.
 */
export function resultAccepted(state: PipelineState, event: ResultAcceptedEvent): Transition {
  const run = findOpenRun(state, event.runId);
  if (typeof run === "string") return refuse(state, run);
  const badUsd = invalidUsd(event.usd);
  if (badUsd !== null) return refuse(state, badUsd);
  const headSha = event.headSha ?? state.item.headSha;
  const closed = patchItem(closeRun(state, event.usd), {
    stage: run.stage,
    headSha,
    approvedSha: null,
  });
  const { conclusion, headline, step } = judge(closed, event);
  return reportRun(step, run.id, conclusion, headline);
}
