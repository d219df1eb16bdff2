import { describe, expect, it } from "vitest";
import { renderBudgetNotice } from "./budget-notice.js";

describe("renderBudgetNotice", () => {
  it("gives the numbers and the one way on", () => {
    const body = renderBudgetNotice({
      type: "notify_budget_exhausted",
      stage: "review",
      spentUsd: 46.25,
      reservedUsd: 2.5,
      budgetUsd: 50,
      neededUsd: 5,
    });
    expect(body).toMatchInlineSnapshot(`
      "**QuantaPilot did not start the review stage: the project budget cannot cover it.**

      | | USD |
      |---|--:|
      | Project budget | $50.00 |
      | Spent so far | $46.25 |
      | Held by stages still running | $2.50 |
      | Left | $1.25 |
      | A review run may cost up to | $5.00 |

      **Who acts:** a maintainer. Raise \`budgets.project.usd\` in \`.github/quantapilot.yml\` on the default branch (or lower \`budgets.stage_run.usd\`), then comment \`/retry\`. When the operator set a lower cap for this project, the operator must raise it instead.

      Stages still running hold $2.50; what they do not spend is released when they finish, and a \`/retry\` may fit then.

      Nothing runs until then; work already done is kept."
    `);
  });

  it("leaves out the running-stages note when nothing is held", () => {
    const body = renderBudgetNotice({
      type: "notify_budget_exhausted",
      stage: "implement",
      spentUsd: 49,
      reservedUsd: 0,
      budgetUsd: 50,
      neededUsd: 5,
    });
    expect(body).toContain("| Left | $1.00 |");
    expect(body).not.toContain("Stages still running hold");
  });
});
