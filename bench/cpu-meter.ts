import { readFileSync } from "node:fs";

export interface CpuTime {
  /** This process: the load client and the server under test share it. */
  nodeMs: number;
  /** The Postgres cluster's processes. */
  postgresMs: number;
}

/** Linux reports process times in USER_HZ ticks, 100 a second on every common build. */
const MS_PER_TICK = 10;

/**
 * CPU spent by this process and by the given Postgres processes so far. The
 * split says whether a case is bound by JavaScript, by Postgres, or by neither
 * (then it waits: round trips, row locks, the pool).
 */
export function readCpu(postgresPids: number[]): CpuTime {
  const usage = process.cpuUsage();
  const postgresMs = postgresPids.reduce((sum, pid) => sum + processCpuMs(pid), 0);
  return { nodeMs: (usage.user + usage.system) / 1000, postgresMs };
}

export function cpuSince(before: CpuTime, after: CpuTime): CpuTime {
  return { nodeMs: after.nodeMs - before.nodeMs, postgresMs: after.postgresMs - before.postgresMs };
}

/** utime + stime from /proc/<pid>/stat; 0 once the process is gone. */
function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may contain spaces; fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return 0;
  }
}
