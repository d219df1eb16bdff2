// The Action's entry (action.yml `runs.main` → dist/index.js): wiring only.
import { fileURLToPath } from "node:url";
import { runner } from "./runner.js";

// src/run.ts and dist/index.js sit at the same depth, so this finds the
// repository's prompts/ from either; Actions downloads the whole repository.
const promptsDir = fileURLToPath(new URL("../../prompts", import.meta.url));

await runner({ env: process.env, promptsDir });
