#!/usr/bin/env node
// `npx quantapilot stage …` (package.json bin → dist/cli.js): wiring only.
import { tmpdir } from "node:os";
import { systemClock } from "../llm/clock.js";
import { findPromptsDir } from "./find-prompts-dir.js";
import { runCli } from "./run-cli.js";

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  promptsDir: findPromptsDir(import.meta.url),
  clock: systemClock,
  tempDir: tmpdir(),
  print: (line) => process.stdout.write(`${line}\n`),
  printError: (line) => process.stderr.write(`${line}\n`),
});
