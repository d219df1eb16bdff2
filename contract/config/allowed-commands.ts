import { z } from "zod";

export const DEFAULT_ALLOWED_COMMANDS: readonly string[] = Object.freeze([
  "npm test",
  "npm run lint",
  "npx vitest run",
  "pytest",
  "go test ./...",
  "cargo test",
]);

// Entries are matched as a command and its leading arguments; shell operators
// would let one allowed prefix chain any other command after it.
const commandSchema = z
  .string()
  .min(1)
  .max(500)
  .regex(/^[^;&|<>`$\r\n]+$/, {
    message: "must be a plain command with arguments, without shell operators (; & | < > ` $)",
  });

export const allowedCommandsSchema = z
  .array(commandSchema)
  .max(100)
  .default(() => [...DEFAULT_ALLOWED_COMMANDS])
  .describe(
    "Commands the agent's run tool may execute: an entry allows itself and the same command with more arguments.",
  );
