import { parseCargoTest } from "../parse/parse-cargo-test.js";
import { measured, type Toolchain, unreadable } from "../qa-step.js";
import { exists } from "../read-project-file.js";
import { exitCodeLintStep } from "./node-lint-step.js";
import type { StepPlace } from "./node-test-step.js";

/** A Rust crate's toolchain: `cargo test` (coverage needs a configured command), `cargo clippy` by exit code. */
export async function detectRustToolchain(place: StepPlace): Promise<Toolchain | undefined> {
  if (!(await exists(place.dir, "Cargo.toml"))) return undefined;
  return {
    name: "Rust (cargo)",
    install: null,
    test: {
      command: { label: "cargo test", argv: ["cargo", "test", "--no-fail-fast"] },
      read: async (run) => {
        if (run.problem !== undefined) return unreadable(run.problem);
        const tests = parseCargoTest(run.stdout);
        if (!tests.ok)
          return unreadable(
            `${tests.why} (exit ${run.exitCode}): ${run.stderrTail.trim().slice(-400)}`,
          );
        const noCoverage =
          "cargo test measures no coverage: set quality.commands.coverage to a cargo-llvm-cov command writing lcov to $QUANTAPILOT_REPORTS_DIR/coverage/lcov.info";
        return measured({
          tests: tests.value,
          totalPct: null,
          lineHits: null,
          noCoverage,
          ...(tests.value === null && { noTests: "cargo test found no tests" }),
        });
      },
    },
    lint: exitCodeLintStep(["cargo", "clippy", "--quiet", "--", "-D", "warnings"], "cargo clippy"),
    audit: {
      skipped:
        "cargo audit is not run yet: set quality.max_vulnerabilities to null to not require it",
    },
  };
}
