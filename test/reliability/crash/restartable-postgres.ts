import { execFile } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { findPostgresBin, freePort, gidOf, uidOf } from "../../helpers/throwaway-postgres.js";

const run = promisify(execFile);

/** A PostgreSQL cluster of the test's own, which it may take down and bring back. */
export interface RestartablePostgres {
  /** Superuser URL of the cluster's `postgres` database; the same across restarts. */
  url: string;
  /** `pg_ctl stop -m immediate`: every backend dies where it stands, as in a crash. */
  crash(): Promise<void>;
  /** Starts the cluster again on the same port and data (crash recovery runs). */
  start(): Promise<void>;
  /** Stops the cluster for good and deletes its directory. */
  destroy(): Promise<void>;
}

/**
 * A throwaway cluster that, unlike the run's shared one, can be crashed and
 * restarted under load. Root cannot run `postgres`, so as root it belongs to
 * Debian's `postgres` user. It survives a crash of PostgreSQL, not of the
 * machine (fsync off).
 * Commands run asynchronously: the fake GitHub in this process keeps
 * answering the app while the server goes down or comes back.
 */
export async function startRestartablePostgres(): Promise<RestartablePostgres> {
  const dir = mkdtempSync(join(tmpdir(), "qp-pg-restart-"));
  const data = join(dir, "data");
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(dir, uidOf("postgres"), gidOf("postgres"));
  const bin = findPostgresBin();
  const pg = async (command: string, args: string[]) => {
    const [file, argv] = asRoot
      ? ["runuser", ["-u", "postgres", "--", join(bin, command), ...args]]
      : [join(bin, command), args];
    await run(file, argv).catch((error: { stderr?: string; message: string }) => {
      throw new Error(`${command} ${args.join(" ")} failed: ${error.stderr || error.message}`);
    });
  };
  // fsync off costs nothing here: a crash kills PostgreSQL, not the OS, whose cache keeps every
  // write. synchronous_commit must stay on: off, a commit is acknowledged before its WAL leaves
  // shared memory, and the crash loses what the app was told was committed.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const start = () =>
    pg("pg_ctl", ["-D", data, "-l", join(dir, "server.log"), "-w", "start", "-o", options]);
  const crash = () => pg("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
  await pg("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"]);
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    crash,
    start,
    async destroy() {
      await crash().catch(() => undefined); // already down
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
