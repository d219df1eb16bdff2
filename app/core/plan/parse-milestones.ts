/** One milestone of `docs/PLAN.md`, in the order the plan lists it. */
export interface PlannedMilestone {
  /** 1, 2, … by position in the plan (not the number written, which may skip or repeat). */
  index: number;
  title: string;
  /** The section under the heading, as written (acceptance criteria included). */
  body: string;
  acceptanceCriteria: string[];
  /** `S`, `M`, `L`, … as the plan wrote it; null when it says none. */
  size: string | null;
}

// "## Milestone 1: Title", "### Milestone 2 — Title", "## M3. Title"; any heading level 2-4.
const MILESTONE_HEADING = /^#{2,4}\s+(?:milestone|m)\s*\d+\s*(?:[:.\-—–)]\s*)?(.*?)\s*#*\s*$/i;
const ANY_HEADING = /^(#{1,6})\s/;
const CRITERIA_HEADING = /^(?:#{3,6}\s+|\*\*)?acceptance criteria\b/i;
const SIZE_LINE =
  /^(?:[-*]\s*)?(?:\*\*)?size(?:\*\*)?\s*:?\s*(?:\*\*)?\s*:?\s*`?([A-Za-z0-9+-]{1,12})`?/i;
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.+)$/;

/** Lines inside fenced code blocks are examples, never headings. */
function outsideFences(lines: readonly string[]): boolean[] {
  let fenced = false;
  return lines.map((line) => {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      return false;
    }
    return !fenced;
  });
}

function criteriaOf(section: readonly string[]): string[] {
  const start = section.findIndex((line) => CRITERIA_HEADING.test(line.trim()));
  if (start < 0) return [];
  const criteria: string[] = [];
  for (const line of section.slice(start + 1)) {
    if (ANY_HEADING.test(line) || /^\*\*[^*]+\*\*\s*:?\s*$/.test(line.trim())) break;
    const item = LIST_ITEM.exec(line)?.[1]?.trim();
    if (item) criteria.push(item);
  }
  return criteria;
}

function sizeOf(section: readonly string[]): string | null {
  for (const line of section) {
    const size = SIZE_LINE.exec(line.trim())?.[1];
    if (size) return size.toUpperCase();
  }
  return null;
}

function toMilestone(index: number, title: string, section: string[]): PlannedMilestone {
  return {
    index,
    title: title === "" ? `Milestone ${index}` : title,
    body: section.join("\n").trim(),
    acceptanceCriteria: criteriaOf(section),
    size: sizeOf(section),
  };
}

/**
 * The milestones of a plan: every heading `## Milestone <n>: <title>` (levels
 * 2-4, also `M<n>.`), each with the text under it up to the next heading of
 * the same or a higher level. Headings inside code fences do not count. An
 * empty list means the plan names no milestone.
 */
export function parseMilestones(markdown: string): PlannedMilestone[] {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const live = outsideFences(lines);
  const milestones: PlannedMilestone[] = [];
  let current: { title: string; level: number; section: string[] } | null = null;
  const close = () => {
    if (current)
      milestones.push(toMilestone(milestones.length + 1, current.title, current.section));
    current = null;
  };
  lines.forEach((line, i) => {
    const level = live[i] ? (ANY_HEADING.exec(line)?.[1]?.length ?? 0) : 0;
    const heading = live[i] ? MILESTONE_HEADING.exec(line) : null;
    if (heading) {
      close();
      current = { title: (heading[1] ?? "").trim(), level, section: [] };
    } else if (current && level > 0 && level <= current.level) {
      close();
    } else if (current) {
      current.section.push(line);
    }
  });
  close();
  return milestones;
}
