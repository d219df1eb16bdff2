import { join } from "node:path";
import { parseBiomeJson } from "../parse/parse-biome-json.js";
import { parseEslintJson } from "../parse/parse-eslint-json.js";
import { type LintFigures, type MaybeStep, measured, type QaStep, unreadable } from "../qa-step.js";
import { exists, findNodeBin, readText } from "../read-project-file.js";
import type { QaRun } from "../run-qa-command.js";
import { type NodePackage, usesTool } from "./node-package.js";
import type { StepPlace } from "./node-test-step.js";

const BIOME_CONFIGS = ["biome.json", "biome.jsonc"];
const ESLINT_CONFIGS = [
  "eslint.config.js",
  "eslint.config.mjs",
  "eslint.config.cjs",
  "eslint.config.ts",
  ".eslintrc",
  ".eslintrc.js",
  ".eslintrc.cjs",
  ".eslintrc.json",
  ".eslintrc.yml",
  ".eslintrc.yaml",
];

async function anyExists(dir: string, paths: readonly string[]) {
  for (const path of paths) if (await exists(dir, path)) return true;
  return false;
}

/**
 * A lint command whose output is not machine-readable: exit 0 is no
 * errors; anything else is errors we cannot count, which is said plainly.
 */
export function exitCodeLintStep(argv: readonly string[], label: string): QaStep<LintFigures> {
  return {
    command: { label, argv },
    read: async (run: QaRun) => {
      if (run.problem !== undefined) return unreadable(run.problem);
      if (run.exitCode === 0) return measured({ errors: 0, warnings: null });
      return unreadable(
        `\`${label}\` exited ${run.exitCode}, and its output is not machine-readable, so its errors could not be counted (use ESLint or Biome, whose JSON QuantaPilot reads)`,
      );
    },
  };
}

function biomeStep(place: StepPlace, bin: string): QaStep<LintFigures> {
  const argv = [bin, "lint", "--reporter=json", "--max-diagnostics=200", "."];
  return {
    command: { label: "biome lint", argv },
    read: async (run) =>
      run.problem !== undefined ? unreadable(run.problem) : parseBiomeJson(run.stdout, place.dir),
  };
}

function eslintStep(place: StepPlace, bin: string): QaStep<LintFigures> {
  const file = join(place.reportsDir, "eslint.json");
  return {
    command: { label: "eslint", argv: [bin, "--format", "json", "--output-file", file, "."] },
    read: async (run) => {
      if (run.problem !== undefined) return unreadable(run.problem);
      const text = await readText(file);
      if (text === undefined)
        return unreadable(
          `\`eslint\` wrote no JSON report (exit ${run.exitCode}): ${run.stderrTail.trim().slice(-400)}`,
        );
      return parseEslintJson(text, place.dir);
    },
  };
}

/** The Node.js lint step: Biome or ESLint with JSON output, else the `lint` script by its exit code. */
export async function nodeLintStep(
  place: StepPlace,
  pkg: NodePackage,
): Promise<MaybeStep<LintFigures>> {
  const linters = [
    {
      name: "biome",
      configured:
        usesTool(pkg, "biome", "@biomejs/biome") || (await anyExists(place.dir, BIOME_CONFIGS)),
      make: biomeStep,
    },
    {
      name: "eslint",
      configured: usesTool(pkg, "eslint") || (await anyExists(place.dir, ESLINT_CONFIGS)),
      make: eslintStep,
    },
  ];
  for (const linter of linters) {
    if (!linter.configured) continue;
    const bin = await findNodeBin(place.dir, linter.name);
    if (bin !== undefined) return linter.make(place, bin);
  }
  if (pkg.scripts.lint !== undefined)
    return exitCodeLintStep([pkg.manager, "run", "lint"], `${pkg.manager} run lint`);
  return {
    skipped: "no linter found (Biome or ESLint installed, or a lint script in package.json)",
  };
}
