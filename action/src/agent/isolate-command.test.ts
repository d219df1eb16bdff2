import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { findIsolationPrefix, isolateCommand } from "./isolate-command.js";

// A parent holding a secret in its environment runs, with an empty
// environment, a command that reads the parent's environment through /proc.
function readParentEnviron(prefix: string[] | null): string {
  const peek = isolateCommand(
    { file: "sh", args: ["-c", 'cat /proc/$PPID/environ 2>/dev/null | tr "\\0" "\\n"; true'] },
    prefix,
  );
  const quoted = [peek.file, ...peek.args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ");
  const parent = spawnSync("sh", ["-c", `env -i PATH="$PATH" ${quoted}`], {
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", QP_CANARY_KEY: "sk-canary-0123456789" },
    encoding: "utf8",
  });
  return parent.stdout;
}

const prefix = findIsolationPrefix();

describe("isolateCommand", () => {
  it("without isolation, a scrubbed command still reads its parent's secrets from /proc (the known risk)", () => {
    expect(readParentEnviron(null)).toContain("sk-canary-0123456789");
  });

  it.skipIf(prefix === null)("isolated in a PID namespace, it cannot", () => {
    expect(readParentEnviron(prefix)).not.toContain("sk-canary");
  });

  it("wraps a command behind the prefix, and leaves it alone without one", () => {
    const command = { file: "npm", args: ["test"] };
    expect(isolateCommand(command, null)).toEqual(command);
    expect(isolateCommand(command, ["unshare", "--pid"])).toEqual({
      file: "unshare",
      args: ["--pid", "npm", "test"],
    });
  });

  it("prefers an unprivileged user namespace and falls back to sudo, keeping the caller's uid", () => {
    const tried: string[][] = [];
    const found = findIsolationPrefix(1001, 1001, (argv) => {
      tried.push(argv);
      return argv[0] === "sudo";
    });
    expect(tried[0]?.slice(0, 3)).toEqual(["unshare", "--user", "--map-root-user"]);
    expect(found).toContain("--reuid=1001");
  });
});
