import { addUsd, remainingUsd } from "../budget.js";
import type { NotifyBudgetExhaustedEffect } from "../pipeline/effects.js";
import { formatUsd } from "./format.js";

// Money held by running stages comes back when they finish under their caps.
function releaseNote(reservedUsd: number): string[] {
  if (reservedUsd === 0) return [];
  return [
    "",
    `Stages still running hold ${formatUsd(reservedUsd)}; what they do not spend is released` +
      " when they finish, and a `/retry` may fit then.",
  ];
}

/**
 * The comment posted when the project budget stops a run: what was stopped,
 * the numbers behind it, and the one way to go on (budgets live in the
 * reviewed config file, never in a comment).
 */
export function renderBudgetNotice(notice: NotifyBudgetExhaustedEffect): string {
  const { stage, spentUsd, reservedUsd, budgetUsd, neededUsd } = notice;
  const left = remainingUsd(addUsd(spentUsd, reservedUsd), budgetUsd);
  return [
    `**QuantaPilot did not start the ${stage} stage: the project budget cannot cover it.**`,
    "",
    "| | USD |",
    "|---|--:|",
    `| Project budget | ${formatUsd(budgetUsd)} |`,
    `| Spent so far | ${formatUsd(spentUsd)} |`,
    `| Held by stages still running | ${formatUsd(reservedUsd)} |`,
    `| Left | ${formatUsd(left)} |`,
    `| A ${stage} run may cost up to | ${formatUsd(neededUsd)} |`,
    "",
    "**Who acts:** a maintainer. Raise `budgets.project.usd` in `.github/quantapilot.yml` on the" +
      " default branch (or lower `budgets.stage_run.usd`), then comment `/retry`. When the" +
      " operator set a lower cap for this project, the operator must raise it instead.",
    ...releaseNote(reservedUsd),
    "",
    "Nothing runs until then; work already done is kept.",
  ].join("\n");
}
