import type { StageName } from "../../../contract/config.js";
import { implementStage } from "./implement.js";
import { planStage } from "./plan.js";
import { releaseStage } from "./release.js";
import { reviewStage } from "./review.js";
import type { StageDefinition } from "./stage-definition.js";
import { testStage } from "./test.js";

/** Every stage this action can run, by name. */
export const STAGES: Readonly<Partial<Record<StageName, StageDefinition>>> = {
  plan: planStage,
  implement: implementStage,
  test: testStage,
  review: reviewStage,
  release: releaseStage,
};

/** The stage called `name`; throws, naming the stages there are, when this action has none. */
export function stageDefinitionFor(name: StageName): StageDefinition {
  const stage = STAGES[name];
  if (stage === undefined) {
    const known = Object.keys(STAGES).join(", ");
    throw new Error(
      `This version of the QuantaPilot action cannot run the ${name} stage (it runs ${known}); update the action or turn the stage off in .github/quantapilot.yml.`,
    );
  }
  return stage;
}
