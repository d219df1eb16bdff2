import { openIssuePlan } from "./plan/issue-plan.js";
import { openKickoffPlan } from "./plan/kickoff-plan.js";
import type { StageDefinition } from "./stage-definition.js";
import { ALL_TOOLS } from "./stage-tools.js";

/**
 * plan (architect): for a kickoff, docs/ARCHITECTURE.md, docs/PLAN.md with
 * milestones and AGENTS.md; for an issue, docs/plans/<number>-<slug>.md with
 * sub-tasks. Either way the plan is parsed afterwards, so a missing file or
 * milestones without criteria or size are reported, not discovered later.
 */
export const planStage: StageDefinition = {
  stage: "plan",
  role: "architect",
  tools: ALL_TOOLS,
  writes: true,
  maxOutputTokens: 8_000,
  async open(context) {
    const { number } = context.spec.work_item;
    return number === undefined ? openKickoffPlan(context) : openIssuePlan(context, number);
  },
};
