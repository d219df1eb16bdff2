import { spawnSync } from "node:child_process";

/** A command line ready for `spawn(file, args)`. */
export interface CommandLine {
  file: string;
  args: string[];
}

// A new PID namespace with its own /proc: the command sees only its own
// process tree, so `/proc/$PPID/environ` (the action's LLM keys and
// ACTIONS_ID_TOKEN_REQUEST_TOKEN) is not there to read.
const PID_NAMESPACE = ["--pid", "--fork", "--mount-proc", "--kill-child"];

/** Ways to enter one, most preferred first: unprivileged (user namespace), then through `sudo -n`. */
function candidates(uid: number, gid: number): string[][] {
  const asIs = ["unshare", ...(uid === 0 ? [] : ["--user", "--map-root-user"]), ...PID_NAMESPACE];
  // GitHub-hosted Ubuntu 24.04 forbids unprivileged user namespaces but grants sudo; drop back to our uid inside.
  const viaSudo = [
    "sudo",
    "-n",
    "unshare",
    ...PID_NAMESPACE,
    "setpriv",
    `--reuid=${uid}`,
    `--regid=${gid}`,
    "--clear-groups",
  ];
  return uid === 0 ? [asIs] : [asIs, viaSudo];
}

/**
 * The prefix that runs a command isolated from the action's own process, or
 * null when this machine offers no way (then `run` stays as it was: a
 * scrubbed environment only — see SECURITY.md "Known risk"). Probed once
 * per process by running `true` through each candidate.
 */
export function findIsolationPrefix(
  uid = process.getuid?.() ?? 0,
  gid = process.getgid?.() ?? 0,
  probe: (argv: string[]) => boolean = (argv) =>
    spawnSync(argv[0] ?? "", [...argv.slice(1), "true"], { stdio: "ignore", timeout: 10_000 })
      .status === 0,
): string[] | null {
  return candidates(uid, gid).find(probe) ?? null;
}

/** `file args…` run behind `prefix` (from `findIsolationPrefix`); unchanged when there is none. */
export function isolateCommand(
  command: CommandLine,
  prefix: readonly string[] | null,
): CommandLine {
  if (prefix === null || prefix.length === 0) return command;
  const [file = "", ...rest] = prefix;
  return { file, args: [...rest, command.file, ...command.args] };
}
