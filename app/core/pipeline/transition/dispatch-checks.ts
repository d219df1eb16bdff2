import { addUsd, canAfford, remainingUsd } from "../../budget.js";
import type { NotifyBudgetExhaustedEffect } from "../effects.js";
import type { PipelineState } from "../state.js";

/** The project budget in force: the config's, or an operator's stricter cap. */
export function effectiveBudgetUsd(state: PipelineState): number {
  const fromConfig = state.config.budgets.project.usd;
  const cap = state.project.budgetUsd;
  return cap === null ? fromConfig : Math.min(cap, fromConfig);
}

/** Why the project dispatches nothing right now, or null when it may. */
export function projectBlocker(state: PipelineState): string | null {
  const { status, suspended } = state.project;
  if (suspended) return "the app's installation is suspended";
  if (status !== "active") return `the project is ${status}, not active`;
  return null;
}

/** What a new run of the work item's stage may spend. */
export function stageRunCapUsd(state: PipelineState): number {
  return state.config.budgets.stage_run.usd;
}

/** The budget notice when one more run does not fit, or null when it does. */
export function budgetShortfall(state: PipelineState): NotifyBudgetExhaustedEffect | null {
  const { spentUsd, reservedUsd } = state.project;
  const budgetUsd = effectiveBudgetUsd(state);
  const neededUsd = stageRunCapUsd(state);
  if (canAfford(addUsd(spentUsd, reservedUsd), neededUsd, budgetUsd)) return null;
  const stage = state.item.stage;
  return { type: "notify_budget_exhausted", stage, spentUsd, reservedUsd, budgetUsd, neededUsd };
}

const usd = (amount: number): string => `$${amount.toFixed(2)}`;

/** The sentence a person reads when the budget stops a run. */
export function describeShortfall(notice: NotifyBudgetExhaustedEffect): string {
  const { spentUsd, reservedUsd, budgetUsd, neededUsd, stage } = notice;
  const left = remainingUsd(addUsd(spentUsd, reservedUsd), budgetUsd);
  const held = reservedUsd > 0 ? ` (${usd(reservedUsd)} more held by running stages)` : "";
  return (
    `the project budget is spent: ${usd(spentUsd)} of ${usd(budgetUsd)} used${held},` +
    ` ${usd(left)} left, and a ${stage} run may cost ${usd(neededUsd)};` +
    " raise budgets.project.usd in .github/quantapilot.yml, then /retry"
  );
}
