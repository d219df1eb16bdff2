import type { Effect } from "../effects.js";
import type { PipelineState, WorkItem } from "../state.js";

/** A new state and the effects that go with it. */
export interface Step {
  readonly state: PipelineState;
  readonly effects: readonly Effect[];
}

/** A step, or a refusal: `rejected` says why, the state is unchanged and there are no effects. */
export interface Transition extends Step {
  readonly rejected?: string;
}

/** Nothing happens. */
export function stay(state: PipelineState): Step {
  return { state, effects: [] };
}

/** The event does nothing, and here is why (for the reply a person reads). */
export function refuse(state: PipelineState, reason: string): Transition {
  return { state, effects: [], rejected: reason };
}

/** `step`, then whatever `next` makes of its state; effects in order. */
export function andThen(step: Step, next: (state: PipelineState) => Step): Step {
  const after = next(step.state);
  return { state: after.state, effects: [...step.effects, ...after.effects] };
}

/** `step` with more effects after its own. */
export function withEffects(step: Step, ...effects: readonly Effect[]): Step {
  return { state: step.state, effects: [...step.effects, ...effects] };
}

/** The state with the work item changed. */
export function patchItem(state: PipelineState, patch: Partial<WorkItem>): PipelineState {
  return { ...state, item: { ...state.item, ...patch } };
}
