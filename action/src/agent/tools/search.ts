import { z } from "zod";
import { matchesGlob } from "../../../../contract/glob.js";
import type { WorkspaceGuard } from "../workspace-guard.js";
import { type AgentTool, defineTool, type ToolOutput, toolError } from "./define-tool.js";
import { listWorkspaceFiles } from "./list-workspace-files.js";
import { runWithin } from "./run-within.js";
import { type LineMatch, type ScanCaps, scanFiles } from "./scan-files.js";

/** What `search` needs, and its caps. */
export interface SearchOptions {
  guard: WorkspaceGuard;
  env: Readonly<Record<string, string>>;
  /** The whole search stops after this long; default 10 s. */
  timeLimitMs?: number;
  /** Files over this size are skipped; default 1 MB. */
  maxFileBytes?: number;
}

const args = z.object({
  pattern: z
    .string()
    .min(1)
    .max(1_000)
    .describe("A JavaScript regular expression, matched against each line."),
  path: z.string().default("").describe("A directory or file to search; default the workspace."),
  glob: z
    .string()
    .optional()
    .describe(
      'Only files matching this glob, e.g. "**/*.ts"; without a "/" it matches file names.',
    ),
  case_insensitive: z.boolean().default(false),
  max_results: z.int().positive().max(500).default(100).describe("Most matching lines to show."),
});

type SearchArgs = z.output<typeof args>;

/**
 * `search`: a regular expression over the workspace's files (tracked, and
 * untracked but not ignored), line by line. Secret files and links leading
 * out are skipped through the guard; binary and oversized files are skipped;
 * the whole search has a hard time limit, so a catastrophic pattern costs
 * seconds and an error, not the stage run.
 */
export function createSearchTool(options: SearchOptions): AgentTool {
  const timeLimitMs = options.timeLimitMs ?? 10_000;
  const maxFileBytes = options.maxFileBytes ?? 1_000_000;
  return defineTool({
    name: "search",
    description:
      "Search the workspace's files for a regular expression; answers path:line: text for each matching line.",
    args,
    async run(request) {
      const regex = compile(request);
      if (typeof regex === "string") return toolError(regex);
      const scope = options.guard.resolveForRead(request.path);
      if (!scope.ok) return toolError(`Refused: ${scope.message}`);
      const files = await filesInScope(options, scope.relative, request.glob);
      const caps: ScanCaps = { maxResults: request.max_results, maxFileBytes };
      const scan = runWithin(timeLimitMs, () => scanFiles(files, regex, caps));
      if (!scan.ok) {
        return toolError(
          `The search ran past ${timeLimitMs / 1000} s and was stopped; simplify the pattern (nested quantifiers backtrack) or narrow path or glob.`,
        );
      }
      return formatMatches(scan.value.matches, scan.value.more, files.length);
    },
  });
}

function compile(request: SearchArgs): RegExp | string {
  try {
    return new RegExp(request.pattern, request.case_insensitive ? "i" : "");
  } catch (error) {
    return `Invalid regular expression: ${(error as Error).message}`;
  }
}

async function filesInScope(options: SearchOptions, scope: string, glob: string | undefined) {
  const all = await listWorkspaceFiles({ root: options.guard.root, env: options.env });
  const inScope = all.filter(
    (file) => scope === "" || file === scope || file.startsWith(`${scope}/`),
  );
  const wanted = glob === undefined ? inScope : inScope.filter((file) => matchesFile(file, glob));
  return wanted.flatMap((file) => {
    const resolved = options.guard.resolveForRead(file);
    return resolved.ok ? [{ path: file, absolute: resolved.absolute }] : [];
  });
}

function matchesFile(file: string, glob: string): boolean {
  const target = glob.includes("/") ? file : (file.split("/").at(-1) ?? file);
  return matchesGlob(target, glob);
}

function formatMatches(matches: readonly LineMatch[], more: boolean, searched: number): ToolOutput {
  if (matches.length === 0) return { content: `No matches in ${searched} files.` };
  const lines = matches.map((m) => `${m.path}:${m.line}: ${m.text}`);
  const note = more ? "\n[more matches not shown; narrow the pattern, path or glob]" : "";
  return { content: `${lines.join("\n")}${note}` };
}
