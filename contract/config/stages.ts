import { z } from "zod";

/** The pipeline's stages, in the order a work item moves through them. */
export const STAGE_NAMES = ["plan", "implement", "test", "review", "release"] as const;
export type StageName = (typeof STAGE_NAMES)[number];

export const stageNameSchema = z.enum(STAGE_NAMES).describe("A pipeline stage.");

// A list out of pipeline order would make "which stage runs next" ambiguous.
function isInPipelineOrder(stages: readonly StageName[]): boolean {
  const ranks = stages.map((stage) => STAGE_NAMES.indexOf(stage));
  return ranks.every((rank, i) => i === 0 || (ranks[i - 1] ?? -1) < rank);
}

function stageList(defaults: readonly StageName[], description: string) {
  return z
    .array(stageNameSchema)
    .min(1)
    .refine(isInPipelineOrder, {
      message: `list each stage once, in pipeline order: ${STAGE_NAMES.join(", ")}`,
    })
    .default(() => [...defaults])
    .describe(description);
}

export const stagesSchema = z
  .strictObject({
    kickoff: stageList(
      ["plan"],
      "Stages run for the kickoff of a new repository (from its README).",
    ),
    issue: stageList(
      ["implement", "test", "review"],
      "Stages run for an issue labelled with a stage label.",
    ),
  })
  .prefault({})
  .describe("Which stages run for each kind of work item.");

function gate(needsHuman: boolean, stage: StageName) {
  return z
    .boolean()
    .default(needsHuman)
    .describe(`Whether a human must approve the ${stage} stage before the work item moves on.`);
}

export const gatesSchema = z
  .strictObject({
    plan: gate(true, "plan"),
    implement: gate(false, "implement"),
    test: gate(false, "test"),
    review: gate(true, "review"),
    release: gate(false, "release"),
  })
  .prefault({})
  .describe("Human gates: approve with a PR review, `/approve` or the check run's button.");
