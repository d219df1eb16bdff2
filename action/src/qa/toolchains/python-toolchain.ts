import { join } from "node:path";
import { parseJunitXml } from "../parse/parse-junit-xml.js";
import { parsePipAudit } from "../parse/parse-pip-audit.js";
import { parseRuffJson } from "../parse/parse-ruff-json.js";
import {
  type LintFigures,
  type MaybeStep,
  measured,
  type QaStep,
  type TestFigures,
  type Toolchain,
  unreadable,
} from "../qa-step.js";
import { exists, firstExisting, readText } from "../read-project-file.js";
import { readCoverageReports } from "../read-test-reports.js";
import { type QaRunOptions, runQaCommand } from "../run-qa-command.js";
import type { StepPlace } from "./node-test-step.js";

const MARKERS = [
  "pyproject.toml",
  "requirements.txt",
  "requirements-dev.txt",
  "setup.py",
  "setup.cfg",
  "pytest.ini",
  "tox.ini",
];

// pytest's exit code when it collected no tests.
const NO_TESTS_COLLECTED = 5;

const PROBE =
  "import importlib.util as u, json; print(json.dumps([u.find_spec(m) is not None for m in ('pytest', 'pytest_cov')]))";

async function probe(options: QaRunOptions): Promise<{ pytest: boolean; cov: boolean } | string> {
  const run = await runQaCommand({ label: "python3", argv: ["python3", "-c", PROBE] }, options);
  if (run.problem !== undefined) return run.problem;
  // json.dumps prints `[true, false]`: which of pytest and pytest-cov are importable.
  const [pytest, cov] = /\[(true|false), (true|false)\]/.exec(run.stdout)?.slice(1) ?? [];
  return { pytest: pytest === "true", cov: cov === "true" };
}

function pytestStep(place: StepPlace, cov: boolean): QaStep<TestFigures> {
  const junit = join(place.reportsDir, "junit.xml");
  const coverage = cov
    ? ["--cov=.", `--cov-report=json:${join(place.reportsDir, "coverage.json")}`]
    : [];
  const argv = [
    "python3",
    "-m",
    "pytest",
    "-q",
    "-p",
    "no:cacheprovider",
    `--junitxml=${junit}`,
    ...coverage,
  ];
  return {
    command: { label: "pytest", argv },
    read: async (run) => {
      if (run.problem !== undefined) return unreadable(run.problem);
      if (run.exitCode === NO_TESTS_COLLECTED)
        return measured({
          tests: null,
          noTests: "pytest collected no tests",
          totalPct: null,
          lineHits: null,
          noCoverage: "no tests ran",
        });
      const text = await readText(junit);
      if (text === undefined)
        return unreadable(
          `pytest wrote no JUnit report (exit ${run.exitCode}): ${run.stderrTail.trim().slice(-400)}`,
        );
      const tests = parseJunitXml(text, place.dir);
      if (!tests.ok) return tests;
      const figures = cov
        ? await readCoverageReports(place.reportsDir, place.dir, "pytest-cov")
        : {
            totalPct: null,
            lineHits: null,
            noCoverage: "pytest-cov is not installed, so coverage was not measured",
          };
      return measured({
        tests: tests.value,
        ...figures,
        ...(tests.value === null && { noTests: "pytest ran no tests" }),
      });
    },
  };
}

async function ruffStep(place: StepPlace): Promise<MaybeStep<LintFigures>> {
  const pyproject = (await readText(join(place.dir, "pyproject.toml"))) ?? "";
  const configured =
    /^\[tool\.ruff/m.test(pyproject) ||
    (await firstExisting(place.dir, ["ruff.toml", ".ruff.toml"])) !== undefined;
  if (!configured)
    return {
      skipped:
        "no Python linter configured (QuantaPilot reads Ruff: add [tool.ruff] to pyproject.toml)",
    };
  return {
    command: { label: "ruff check", argv: ["ruff", "check", "--output-format=json", "."] },
    read: async (run) =>
      run.problem !== undefined ? unreadable(run.problem) : parseRuffJson(run.stdout, place.dir),
  };
}

async function pipAuditStep(place: StepPlace): Promise<Toolchain["audit"]> {
  const requirements = (await exists(place.dir, "requirements.txt"))
    ? ["-r", "requirements.txt"]
    : [];
  return {
    command: { label: "pip-audit", argv: ["pip-audit", "-f", "json", ...requirements] },
    read: async (run) =>
      run.problem !== undefined ? unreadable(run.problem) : parsePipAudit(run.stdout),
  };
}

/** A Python project's toolchain: pytest (with pytest-cov when installed), Ruff, pip-audit. */
export async function detectPythonToolchain(
  place: StepPlace,
  options: QaRunOptions,
): Promise<Toolchain | undefined> {
  if ((await firstExisting(place.dir, MARKERS)) === undefined) return undefined;
  const found = await probe(options);
  const test: Toolchain["test"] =
    typeof found === "string"
      ? { skipped: found }
      : found.pytest
        ? pytestStep(place, found.cov)
        : {
            skipped:
              "pytest is not installed in the runner's Python (pip install pytest pytest-cov)",
          };
  return {
    name: "Python (pytest)",
    install: null,
    test,
    lint: await ruffStep(place),
    audit: await pipAuditStep(place),
  };
}
