import { z } from "zod";
import { whenValid } from "./when-valid.js";

const usd = (max: number) => z.number().positive().max(max);
const count = (max: number) => z.int().positive().max(max);

const projectBudgetSchema = z
  .strictObject({
    usd: usd(1_000_000).default(50).describe("Total USD the project may spend on LLM calls."),
    tokens: count(100_000_000_000)
      .optional()
      .describe("Total tokens the project may use; unset means only the USD budget applies."),
  })
  .prefault({})
  .describe("Checked by the app before each dispatch.");

const stageRunBudgetSchema = z
  .strictObject({
    usd: usd(10_000).default(5).describe("USD one stage run may spend."),
    tokens: count(1_000_000_000).default(2_000_000).describe("Tokens one stage run may use."),
    turns: count(1_000).default(60).describe("Agent turns (model calls) one stage run may take."),
    // A GitHub-hosted job is cancelled after 6 hours anyway.
    minutes: count(360).default(30).describe("Wall-clock minutes one stage run may take."),
  })
  .prefault({})
  .describe("Limits for a single stage run, enforced by the agent in the runner.");

type Budgets = {
  project: z.output<typeof projectBudgetSchema>;
  stage_run: z.output<typeof stageRunBudgetSchema>;
};

// A stage run allowed more than the whole project could never finish within budget.
function checkStageFitsProject(budgets: Budgets, ctx: z.RefinementCtx): void {
  const { project, stage_run: run } = budgets;
  if (run.usd > project.usd) {
    ctx.addIssue({
      code: "custom",
      path: ["stage_run", "usd"],
      message: `must not exceed budgets.project.usd (${project.usd})`,
    });
  }
  if (project.tokens !== undefined && run.tokens > project.tokens) {
    ctx.addIssue({
      code: "custom",
      path: ["stage_run", "tokens"],
      message: `must not exceed budgets.project.tokens (${project.tokens})`,
    });
  }
}

export const budgetsSchema = z
  .strictObject({ project: projectBudgetSchema, stage_run: stageRunBudgetSchema })
  .superRefine(checkStageFitsProject, whenValid)
  .prefault({})
  .describe("Token and USD budgets.");
