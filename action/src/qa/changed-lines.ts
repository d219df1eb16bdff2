import { type QaRunOptions, runQaCommand } from "./run-qa-command.js";

/** What this work item changed since its base: files, and the added lines of each. */
export interface ChangedLines {
  files: string[];
  /** Line numbers in the working tree; a new untracked file is absent here but counts whole. */
  lines: Map<string, Set<number>>;
  /** New files git does not track yet: every line of them is changed. */
  untracked: Set<string>;
}

/** The added line numbers per file of a `git diff --unified=0` output. */
export function parseUnifiedDiff(diff: string): Map<string, Set<number>> {
  const lines = new Map<string, Set<number>>();
  let current: Set<number> | undefined;
  for (const line of diff.split("\n")) {
    if (line.startsWith("+++ ")) {
      const path = line.slice(4);
      current = path === "/dev/null" ? undefined : new Set();
      if (current !== undefined) lines.set(path.replace(/^b\//, ""), current);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk === null || current === undefined) continue;
    const start = Number(hunk[1]);
    const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
    for (let n = start; n < start + count; n += 1) current.add(n);
  }
  return lines;
}

async function git(args: string[], options: QaRunOptions) {
  const run = await runQaCommand(
    { label: `git ${args.join(" ")}`, argv: ["git", ...args] },
    options,
  );
  if (run.problem !== undefined) throw new Error(run.problem);
  if (run.exitCode !== 0) throw new Error(`\`${run.label}\` failed: ${run.stderrTail.trim()}`);
  return run.stdout;
}

/**
 * The changes since `baseSha` in the checkout at `options.dir`: committed,
 * uncommitted and untracked, as git sees them (renames as new files).
 * Throws with git's message when the base cannot be compared.
 */
export async function readChangedLines(
  baseSha: string,
  options: QaRunOptions,
): Promise<ChangedLines> {
  const flags = [
    "-c",
    "core.quotePath=false",
    "diff",
    "--no-color",
    "--no-ext-diff",
    "--no-renames",
  ];
  const diff = await git([...flags, "--unified=0", baseSha, "--"], options);
  const names = await git([...flags, "--name-only", "--diff-filter=d", baseSha, "--"], options);
  const others = await git(["ls-files", "--others", "--exclude-standard", "-z"], options);
  const untracked = new Set(others.split("\0").filter(Boolean));
  const files = [...new Set([...names.split("\n").filter(Boolean), ...untracked])].sort();
  return { files, lines: parseUnifiedDiff(diff), untracked };
}
