import { parseBiomeJson } from "./parse/parse-biome-json.js";
import { parseEslintJson } from "./parse/parse-eslint-json.js";
import { parseRuffJson } from "./parse/parse-ruff-json.js";
import type { LintFigures, QaStep, Reading } from "./qa-step.js";
import { unreadable } from "./qa-step.js";
import { shellCommand } from "./run-qa-command.js";
import { exitCodeLintStep } from "./toolchains/node-lint-step.js";

// Which linter printed this JSON, told by its shape.
function readAnyLintJson(stdout: string, dir: string): Reading<LintFigures> | undefined {
  const text = stdout.trim();
  if (text.startsWith("[{") && text.includes('"filePath"')) return parseEslintJson(text, dir);
  if (text.startsWith("[") && text.includes('"filename"')) return parseRuffJson(text, dir);
  if (text.startsWith("{") && text.includes('"diagnostics"')) return parseBiomeJson(text, dir);
  if (text === "[]") return parseEslintJson(text, dir);
  return undefined;
}

/**
 * The configured lint command: its stdout is read as ESLint, Biome or Ruff
 * JSON when it is one of those, else only its exit code counts.
 */
export function overrideLintStep(line: string, dir: string): QaStep<LintFigures> {
  const byExit = exitCodeLintStep(shellCommand(line).argv, line);
  return {
    command: shellCommand(line),
    read: async (run) => {
      if (run.problem !== undefined) return unreadable(run.problem);
      return readAnyLintJson(run.stdout, dir) ?? byExit.read(run);
    },
  };
}
