import { readWorkspaceText } from "../read-workspace-text.js";
import type { StageContext, StageProducts, StageSession } from "../stage-definition.js";
import { describeSection } from "./kickoff-plan.js";
import { describePlanProblems, parsePlanSections } from "./parse-plan-sections.js";
import { planFilePath } from "./plan-file-path.js";

function briefFor(path: string): string {
  return `# What this stage delivers

Plan the issue above; do not implement it. Write \`${path}\`: how to implement it (the files and functions involved, the approach, the risks), then the proposed sub-tasks in order, each headed exactly \`## Sub-task N: <title>\` (N from 1) with a line \`Size: small\`, \`Size: medium\` or \`Size: large\` and a line \`Acceptance criteria:\` followed by a bullet list a reviewer can check. Change no other file unless the issue asks for documentation.`;
}

/** An issue's plan: one file with the approach and its sub-tasks, checked after the agent. */
export function openIssuePlan(context: StageContext, number: number): StageSession {
  const path = planFilePath(number, context.spec.work_branch);
  return {
    brief: briefFor(path),
    tools: [],
    conclude: () => concludeIssuePlan(context, path),
  };
}

async function concludeIssuePlan(context: StageContext, path: string): Promise<StageProducts> {
  const text = await readWorkspaceText(context.guard, path);
  if (!text?.trim())
    return { failure: `The architect did not write ${path}.`, findings: [], highlights: [] };
  const subTasks = parsePlanSections(text, "Sub-task");
  if (subTasks.length === 0) {
    return {
      failure: `${path} proposes no sub-task headed "## Sub-task N: <title>".`,
      findings: [],
      highlights: [],
    };
  }
  const problems = describePlanProblems(subTasks, "Sub-task");
  return {
    findings: problems.map((message) => ({ severity: "warning" as const, message, path })),
    highlights: [`Plan: ${path}`, ...subTasks.map(describeSection("Sub-task"))],
  };
}
