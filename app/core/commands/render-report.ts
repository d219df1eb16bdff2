import type { PipelineState } from "../pipeline/state.js";
import { describeNext } from "../pipeline/transition/describe-next.js";
import { effectiveBudgetUsd, stageRunCapUsd } from "../pipeline/transition/dispatch-checks.js";

const usd = (amount: number) => `$${amount.toFixed(2)}`;

/** The `/status` answer: where the work item is and who acts next. */
export function renderStatus(login: string, state: PipelineState): string {
  const { item } = state;
  const run = item.openRun ? `, run ${item.openRun.id} ${item.openRun.status}` : "";
  return [
    `@${login}: **${item.stage}** · ${item.state}${item.held ? " (on hold)" : ""}${run}`,
    `Iteration ${item.iteration} of at most ${state.config.max_iterations}. Spent ${usd(item.spentUsd)} on this item.`,
    describeNext(state),
  ].join("\n\n");
}

/** The `/budget` answer: what was spent against what is allowed. */
export function renderBudget(login: string, state: PipelineState): string {
  const budget = effectiveBudgetUsd(state);
  const { project, item } = state;
  return [
    `@${login}: the project has spent ${usd(project.spentUsd)} of ${usd(budget)}`,
    `(${usd(project.reservedUsd)} reserved by runs in progress elsewhere); this work item ${usd(item.spentUsd)};`,
    `each stage run may spend at most ${usd(stageRunCapUsd(state))}.`,
    "Budgets are set in `.github/quantapilot.yml`, not by comments.",
  ].join(" ");
}
