import { join } from "node:path";
import { parseGoCoverProfile } from "../parse/parse-go-cover-profile.js";
import { parseGoTestJson } from "../parse/parse-go-test-json.js";
import { measured, type QaStep, type TestFigures, type Toolchain, unreadable } from "../qa-step.js";
import { readText } from "../read-project-file.js";
import { exitCodeLintStep } from "./node-lint-step.js";
import type { StepPlace } from "./node-test-step.js";

function goTestStep(place: StepPlace, modulePath: string): QaStep<TestFigures> {
  const profile = join(place.reportsDir, "cover.out");
  return {
    command: {
      label: "go test",
      argv: ["go", "test", "-json", `-coverprofile=${profile}`, "./..."],
    },
    read: async (run) => {
      if (run.problem !== undefined) return unreadable(run.problem);
      const tests = parseGoTestJson(run.stdout, modulePath);
      if (!tests.ok)
        return unreadable(
          `${tests.why} (exit ${run.exitCode}): ${run.stderrTail.trim().slice(-400)}`,
        );
      const text = await readText(profile);
      const coverage = text === undefined ? undefined : parseGoCoverProfile(text, modulePath);
      const figures = coverage?.ok
        ? { totalPct: coverage.value.totalPct, lineHits: coverage.value.lineHits }
        : {
            totalPct: null,
            lineHits: null,
            noCoverage: coverage?.why ?? "go test wrote no cover profile",
          };
      return measured({
        tests: tests.value,
        ...figures,
        ...(tests.value === null && { noTests: "go test found no tests" }),
      });
    },
  };
}

/** A Go module's toolchain: `go test -json` with a cover profile, `go vet` by exit code. */
export async function detectGoToolchain(place: StepPlace): Promise<Toolchain | undefined> {
  const goMod = await readText(join(place.dir, "go.mod"), 1024 * 1024);
  if (goMod === undefined) return undefined;
  const modulePath = /^module\s+(\S+)/m.exec(goMod)?.[1] ?? "";
  return {
    name: "Go",
    install: null,
    test: goTestStep(place, modulePath),
    lint: exitCodeLintStep(["go", "vet", "./..."], "go vet"),
    audit: {
      skipped:
        "govulncheck is not run yet: set quality.max_vulnerabilities to null to not require it",
    },
  };
}
