import { type Env, isSecretEnvName } from "./redactor.js";

// What build tools need to find themselves and write caches, nothing more:
// no GITHUB_*, ACTIONS_*, RUNNER_*, no LLM keys, no registry tokens.
const PASSED_THROUGH = new Set([
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  "LANG",
  "LANGUAGE",
  "TZ",
  "TERM",
  "TMPDIR",
  "TEMP",
  "TMP",
  "JAVA_HOME",
  "GOPATH",
  "GOROOT",
  "GOCACHE",
  "GOMODCACHE",
  "CARGO_HOME",
  "RUSTUP_HOME",
  "VIRTUAL_ENV",
]);

// Set for every command: tests run once instead of watching, output comes
// without colour codes (tokens spent on escape sequences are wasted), and
// git never waits for a password prompt.
const FIXED: Readonly<Record<string, string>> = {
  CI: "true",
  NO_COLOR: "1",
  FORCE_COLOR: "0",
  GIT_TERMINAL_PROMPT: "0",
};

/**
 * The environment for commands the agent runs: an allow-list of basics
 * (PATH, HOME, locale, temp dirs, toolchain homes) plus {@link FIXED}.
 * Anything whose name looks secret is dropped even if listed, so a
 * toolchain variable holding a token never gets through.
 */
export function scrubEnv(env: Env): Record<string, string> {
  const scrubbed: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || isSecretEnvName(name)) continue;
    if (PASSED_THROUGH.has(name) || name.startsWith("LC_")) scrubbed[name] = value;
  }
  return { ...scrubbed, ...FIXED };
}
