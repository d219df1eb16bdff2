import type { QualityReport } from "../../../contract/quality-report.js";
import type { QaCommand, QaRun } from "./run-qa-command.js";

/** Line hits per file (relative to the checkout), as coverage tools report them. */
export type LineHits = Map<string, Map<number, number>>;

/** What a test run measured. */
export interface TestFigures {
  tests: NonNullable<QualityReport["tests"]> | null;
  /** Why `tests` is null: the runner found none, … */
  noTests?: string;
  totalPct: number | null;
  lineHits: LineHits | null;
  /** Why coverage is null. */
  noCoverage?: string;
}

export type LintFigures = QualityReport["lint"];
export type VulnerabilityFigures = QualityReport["vulnerabilities"];

/** A figure read from a command's output, or why it could not be. */
export type Reading<T> = { ok: true; value: T } | { ok: false; why: string };

/** A command and how to read its output into figures. */
export interface QaStep<T> {
  command: QaCommand;
  read(run: QaRun): Promise<Reading<T>>;
}

/** A step the toolchain cannot take, and why (no linter configured, …). */
export type MaybeStep<T> = QaStep<T> | { skipped: string } | { fixed: T };

/** A project's way to install, test, lint and audit, as detected or configured. */
export interface Toolchain {
  /** e.g. "Node.js (pnpm, vitest)". */
  name: string;
  install: QaCommand | null;
  test: MaybeStep<TestFigures>;
  lint: MaybeStep<LintFigures>;
  audit: MaybeStep<VulnerabilityFigures>;
}

/** A reading that worked. */
export const measured = <T>(value: T): Reading<T> => ({ ok: true, value });
/** A reading that did not, saying why. */
export const unreadable = <T>(why: string): Reading<T> => ({ ok: false, why });
