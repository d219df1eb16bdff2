import type { AgentRun } from "../../agent/loop.js";
import { readWorkspaceText } from "../read-workspace-text.js";
import type { StageContext, StageProducts, StageSession } from "../stage-definition.js";
import { bulletList } from "../stage-tools.js";
import {
  describePlanProblems,
  type PlanSection,
  parsePlanSections,
} from "./parse-plan-sections.js";

/** The files a kickoff must leave, in the order a person reads them. */
export const KICKOFF_FILES = ["docs/ARCHITECTURE.md", "docs/PLAN.md", "AGENTS.md"] as const;

const BRIEF = `# What this stage delivers

This is the kickoff of the project: the task above is its README. Write these three files:

${bulletList([
  "`docs/ARCHITECTURE.md`: components, data, technology choices with reasons, risks.",
  "`docs/PLAN.md`: milestones in delivery order. Head each one exactly `## Milestone N: <title>` (N from 1). Under it: a one-sentence goal, a line `Size: small`, `Size: medium` or `Size: large`, and a line `Acceptance criteria:` followed by a bullet list a reviewer can check.",
  "`AGENTS.md`: the conventions every later stage follows, with the exact build, test and lint commands.",
])}

One issue is opened per milestone after this plan is merged, and each is implemented in a fresh session, so a milestone must make sense on its own.`;

/** The kickoff plan: architecture, milestones and conventions, checked after the agent. */
export function openKickoffPlan(context: StageContext): StageSession {
  return {
    brief: BRIEF,
    tools: [],
    conclude: (run) => concludeKickoff(context, run),
  };
}

async function concludeKickoff(context: StageContext, _run: AgentRun): Promise<StageProducts> {
  const texts = await Promise.all(
    KICKOFF_FILES.map((path) => readWorkspaceText(context.guard, path)),
  );
  const missing = KICKOFF_FILES.filter((_, i) => !texts[i]?.trim());
  if (missing.length > 0) {
    return {
      failure: `The architect did not write ${missing.join(", ")}.`,
      findings: [],
      highlights: [],
    };
  }
  const milestones = parsePlanSections(texts[1] ?? "", "Milestone");
  if (milestones.length === 0) {
    return {
      failure: 'docs/PLAN.md has no milestone headed "## Milestone N: <title>".',
      findings: [],
      highlights: [],
    };
  }
  return {
    findings: describePlanProblems(milestones, "Milestone").map((message) => ({
      severity: "warning" as const,
      message,
      path: "docs/PLAN.md",
    })),
    highlights: milestones.map(describeSection("Milestone")),
  };
}

/** One line per section: "Milestone 1: Skeleton (small, 3 acceptance criteria)". */
export function describeSection(kind: string) {
  return (section: PlanSection): string => {
    const size = section.size ?? "size not given";
    const count = section.criteria.length;
    return `${kind} ${section.number}: ${section.title} (${size}, ${count} acceptance ${count === 1 ? "criterion" : "criteria"})`;
  };
}
