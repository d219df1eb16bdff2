/**
 * The dashboard's checkboxes. Each box carries a hidden id naming what it
 * does, the work item, and the version it was drawn for (the head SHA to
 * approve, the run to retry), so a box ticked on an old view is recognised
 * as stale instead of acting on something the person never saw.
 */

/** What ticking a box asks for. */
export type DashboardTick =
  | { action: "approve"; workItemId: number; sha: string }
  | { action: "retry"; workItemId: number; runNumber: number };

/** The hidden id after a box's text: `<!-- quantapilot:tick:approve:12:<sha> -->`. */
export function tickId(tick: DashboardTick): string {
  const version = tick.action === "approve" ? tick.sha : String(tick.runNumber);
  return `<!-- quantapilot:tick:${tick.action}:${tick.workItemId}:${version} -->`;
}

// A task-list line: `- [ ]` or `* [x]`, any text, then our id at the end of the line.
const BOX_LINE =
  /^\s{0,3}[-*+]\s+\[([ xX])\]\s.*<!-- quantapilot:tick:(approve|retry):(\d{1,15}):([0-9a-f]{40}|\d{1,9}) -->\s*$/;

interface Box {
  key: string;
  checked: boolean;
  tick: DashboardTick;
}

function readBox(line: string): Box | undefined {
  const match = BOX_LINE.exec(line);
  if (!match) return undefined;
  const [, mark, action, id, version] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  const workItemId = Number(id);
  const isSha = /^[0-9a-f]{40}$/.test(version);
  let tick: DashboardTick;
  if (action === "approve" && isSha) tick = { action, workItemId, sha: version };
  else if (action === "retry" && !isSha) tick = { action, workItemId, runNumber: Number(version) };
  else return undefined;
  return { key: `${action}:${id}:${version}`, checked: mark !== " ", tick };
}

function readBoxes(body: string): Box[] {
  return body.split(/\r?\n/).flatMap((line) => readBox(line) ?? []);
}

/**
 * The boxes a person ticked in one edit of the dashboard: checked in `after`
 * and present unchecked in `before` (the app's own rendering). A line pasted
 * in already ticked, a box that was already ticked, or the same box twice
 * counts once or not at all; order follows `after`.
 */
export function findNewTicks(before: string, after: string): DashboardTick[] {
  const unchecked = new Set(
    readBoxes(before)
      .filter((box) => !box.checked)
      .map((box) => box.key),
  );
  const seen = new Set<string>();
  return readBoxes(after).flatMap((box) => {
    if (!box.checked || !unchecked.has(box.key) || seen.has(box.key)) return [];
    seen.add(box.key);
    return [box.tick];
  });
}
