import { truncateWithNote } from "../report/truncate.js";
import type { PlannedMilestone } from "./parse-milestones.js";

/** GitHub's limits on an issue: a title of 256 characters, a body of 65,536. */
export const ISSUE_TITLE_MAX = 256;
export const ISSUE_BODY_MAX = 65_536;

export interface MilestoneIssue {
  title: string;
  body: string;
}

/**
 * The hidden line that finds a milestone's issue again: a retry after a crash
 * between creating the issue and recording it reuses the issue, never opens a
 * second one.
 */
export function milestoneMarker(kickoffId: number, index: number): string {
  return `<!-- quantapilot:milestone kickoff=${kickoffId} index=${index} -->`;
}

function checklist(items: readonly string[]): string {
  if (items.length === 0) return "_The plan lists no acceptance criteria for this milestone._";
  return items.map((item) => `- [ ] ${item}`).join("\n");
}

/**
 * The issue of one milestone: `Milestone <n>: <title>`, the plan's section,
 * its acceptance criteria as a checklist, its size, where the plan is, and
 * the marker. Capped at GitHub's limits (the marker always survives).
 */
export function renderMilestoneIssue(
  kickoffId: number,
  milestone: PlannedMilestone,
  planUrl: string,
): MilestoneIssue {
  const title = truncateWithNote(
    `Milestone ${milestone.index}: ${milestone.title.replace(/\s+/g, " ").trim()}`,
    ISSUE_TITLE_MAX,
    "…",
  );
  const marker = milestoneMarker(kickoffId, milestone.index);
  const head = [
    `From [docs/PLAN.md](${planUrl}), milestone ${milestone.index}.`,
    milestone.size === null ? "" : `**Size:** ${milestone.size}`,
    "### Acceptance criteria",
    checklist(milestone.acceptanceCriteria),
    "### From the plan",
  ].filter((part) => part !== "");
  const text = [...head, milestone.body].join("\n\n");
  const room = ISSUE_BODY_MAX - marker.length - 1;
  const body = `${truncateWithNote(text, room, `\n\n… _(cut: the whole milestone is in [docs/PLAN.md](${planUrl}))_`)}\n${marker}`;
  return { title, body };
}
