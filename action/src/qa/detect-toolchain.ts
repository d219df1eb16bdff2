import type { Quality } from "../../../contract/quality-gate.js";
import { overrideLintStep } from "./override-lint-step.js";
import type { Toolchain } from "./qa-step.js";
import { type QaRunOptions, shellCommand } from "./run-qa-command.js";
import { detectGoToolchain } from "./toolchains/go-toolchain.js";
import { type StepPlace, scriptStep } from "./toolchains/node-test-step.js";
import { detectNodeToolchain } from "./toolchains/node-toolchain.js";
import { detectPythonToolchain } from "./toolchains/python-toolchain.js";
import { detectRustToolchain } from "./toolchains/rust-toolchain.js";

const NOTHING_FOUND =
  "no supported project found (package.json, pyproject.toml or requirements.txt, go.mod, Cargo.toml) and no quality.commands.test configured";

const NONE: Toolchain = {
  name: "none",
  install: null,
  test: { skipped: NOTHING_FOUND },
  lint: { skipped: NOTHING_FOUND },
  audit: { skipped: NOTHING_FOUND },
};

async function detectFromFiles(place: StepPlace, options: QaRunOptions): Promise<Toolchain> {
  return (
    (await detectNodeToolchain(place)) ??
    (await detectPythonToolchain(place, options)) ??
    (await detectGoToolchain(place)) ??
    (await detectRustToolchain(place)) ??
    NONE
  );
}

/**
 * How to install, test, lint and audit the checkout: detected from its
 * files (Node.js, then Python, Go, Rust), each command replaced by the
 * config's `quality.commands` where it names one — those run in a shell,
 * since the config is reviewed like code on the default branch.
 */
export async function detectToolchain(
  place: StepPlace,
  commands: Quality["commands"],
  options: QaRunOptions,
): Promise<Toolchain> {
  const found = await detectFromFiles(place, options);
  const testLine = commands.coverage ?? commands.test;
  return {
    ...found,
    ...(commands.install !== undefined && { install: shellCommand(commands.install) }),
    ...(testLine !== undefined && {
      test: scriptStep(place, shellCommand(testLine).argv, testLine),
    }),
    ...(commands.lint !== undefined && { lint: overrideLintStep(commands.lint, place.dir) }),
  };
}
