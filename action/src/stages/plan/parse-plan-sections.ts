/** A task size, as the model router reads it. */
export type PlanSize = "small" | "medium" | "large";

/** One `## Milestone N: title` (or `## Sub-task N: title`) section of a plan. */
export interface PlanSection {
  number: number;
  title: string;
  /** undefined when the section names none. */
  size: PlanSize | undefined;
  /** The bullets under its "Acceptance criteria" line. */
  criteria: string[];
  /** The heading's line in the file, 1-based. */
  line: number;
}

const SIZE = /^\W*size\W*(small|medium|large)\b/i;
const CRITERIA = /acceptance criteria/i;
const BULLET = /^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.+)$/;

/**
 * Reads the sections of a plan headed `## <kind> N: title` (kind "Milestone"
 * in docs/PLAN.md, "Sub-task" in an issue's plan). Pure: the later stages
 * and the app rely on this shape, so the plan stage checks it with this.
 */
export function parsePlanSections(markdown: string, kind: string): PlanSection[] {
  const heading = new RegExp(`^##\\s+${kind}\\s+(\\d+)\\s*[:.—-]\\s*(.+?)\\s*#*\\s*$`, "i");
  const sections: PlanSection[] = [];
  let current: (PlanSection & { inCriteria: boolean }) | undefined;
  for (const [index, text] of markdown.split(/\r?\n/).entries()) {
    const match = heading.exec(text);
    if (match) {
      if (current) sections.push(strip(current));
      current = {
        number: Number(match[1]),
        title: match[2] ?? "",
        size: undefined,
        criteria: [],
        line: index + 1,
        inCriteria: false,
      };
      continue;
    }
    if (current === undefined) continue;
    if (/^#{1,2}\s/.test(text)) {
      sections.push(strip(current));
      current = undefined;
      continue;
    }
    readLine(current, text);
  }
  if (current) sections.push(strip(current));
  return sections;
}

function readLine(section: PlanSection & { inCriteria: boolean }, text: string): void {
  const plain = text.replace(/[*_`]/g, "");
  const size = SIZE.exec(plain.replace(/^\s*[-*+]\s+/, ""));
  if (size?.[1] && section.size === undefined) section.size = size[1].toLowerCase() as PlanSize;
  if (CRITERIA.test(plain)) {
    section.inCriteria = true;
    return;
  }
  if (/^#{3,}\s/.test(text) || /^\S[^:]*:\s*$/.test(plain)) section.inCriteria = false;
  const bullet = BULLET.exec(text);
  if (section.inCriteria && bullet?.[1] && !SIZE.test(plain.replace(/^\s*[-*+]\s+/, ""))) {
    section.criteria.push(bullet[1].trim());
  }
}

function strip({ inCriteria: _, ...section }: PlanSection & { inCriteria: boolean }): PlanSection {
  return section;
}

/** What is missing from each section, as findings a person can act on. */
export function describePlanProblems(sections: readonly PlanSection[], kind: string): string[] {
  const problems: string[] = [];
  for (const section of sections) {
    const name = `${kind} ${section.number} (${section.title})`;
    if (section.criteria.length === 0) problems.push(`${name} has no acceptance criteria.`);
    if (section.size === undefined) problems.push(`${name} has no size (small, medium or large).`);
  }
  return problems;
}
