import { z } from "zod";

const percent = (value: number, what: string) =>
  z.number().min(0).max(100).default(value).describe(what);

// null means "no limit" so a team can ignore a severity it triages elsewhere.
const vulnerabilityCap = (value: number | null, severity: string) =>
  z
    .int()
    .nonnegative()
    .nullable()
    .default(value)
    .describe(`Most ${severity} vulnerabilities allowed; null means no limit.`);

const command = (what: string) =>
  z
    .string()
    .min(1)
    .max(1_000)
    .regex(/^[^\r\n]*$/, { message: "must be a single line" })
    .optional()
    .describe(`Command that ${what}; overrides detection from the project's files.`);

export const qualitySchema = z
  .strictObject({
    min_coverage: percent(80, "Least line coverage, in percent, of the whole project."),
    min_changed_lines_coverage: percent(70, "Least coverage, in percent, of the changed lines."),
    max_lint_errors: z.int().nonnegative().default(0).describe("Most lint errors allowed."),
    max_vulnerabilities: z
      .strictObject({
        critical: vulnerabilityCap(0, "critical"),
        high: vulnerabilityCap(0, "high"),
        moderate: vulnerabilityCap(null, "moderate"),
        low: vulnerabilityCap(null, "low"),
      })
      .prefault({})
      .describe("Most dependency vulnerabilities allowed, per severity."),
    require_docs_with_code: z
      .boolean()
      .default(false)
      .describe("Fail the gate when code changes come without documentation changes."),
    commands: z
      .strictObject({
        install: command("installs dependencies"),
        test: command("runs the tests"),
        lint: command("runs the linter"),
        coverage: command("runs the tests with coverage"),
      })
      .prefault({})
      .describe("Commands the test stage runs."),
  })
  .prefault({})
  .describe("The quality gate evaluated by the test stage.");
