import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface ThrowawayPostgres {
  /** Superuser URL of the cluster's `postgres` database. */
  url: string;
  stop(): void;
}

/** Test speed: a commit need not survive a power cut in a directory deleted afterwards. */
const NOT_DURABLE = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off";

/**
 * Starts a PostgreSQL cluster in a temporary directory, as the tests need a
 * real server and a fresh machine runs none. Root cannot run `postgres`, so
 * as root the cluster belongs to the `postgres` user of Debian's package.
 * `durable` keeps PostgreSQL's defaults (fsync, synchronous commit), for
 * benchmarks whose figures must include what a commit really costs.
 */
export async function startThrowawayPostgres({ durable = false } = {}): Promise<ThrowawayPostgres> {
  const bin = findPostgresBin();
  const dir = mkdtempSync(join(tmpdir(), "qp-pg-"));
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(dir, uidOf("postgres"), gidOf("postgres"));
  const run = (command: string, args: string[]) => {
    const [file, argv] = asRoot
      ? ["runuser", ["-u", "postgres", "--", join(bin, command), ...args]]
      : [join(bin, command), args];
    const result = spawnSync(file, argv, { encoding: "utf8" });
    if (result.status !== 0) {
      throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
    }
  };
  const data = join(dir, "data");
  run("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"]);
  run("pg_ctl", [
    "-D",
    data,
    "-l",
    join(dir, "server.log"),
    "-w",
    "start",
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 ${durable ? "" : NOT_DURABLE} -c max_connections=200`,
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The directory of the PostgreSQL server binaries (`initdb`, `pg_ctl`) the tests run. */
export function findPostgresBin(): string {
  try {
    const bindir = execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim();
    if (existsSync(join(bindir, "initdb"))) return bindir;
  } catch {
    // pg_config is absent on Debian without the -dev package; look where the server package puts it.
  }
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const bindir = join(root, version, "bin");
    if (existsSync(join(bindir, "initdb"))) return bindir;
  }
  throw new Error(
    "No PostgreSQL server found for the tests: install Debian's `postgresql` package, or set TEST_DATABASE_URL to a server the tests may create databases on.",
  );
}

/** A system user's uid, e.g. Debian's `postgres`, which may run the server where root may not. */
export function uidOf(user: string): number {
  return Number(execFileSync("id", ["-u", user], { encoding: "utf8" }).trim());
}

/** A system user's primary gid. */
export function gidOf(user: string): number {
  return Number(execFileSync("id", ["-g", user], { encoding: "utf8" }).trim());
}

/** A TCP port free on 127.0.0.1 at the time of asking. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
