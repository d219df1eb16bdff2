import type { CpuTime } from "./cpu-meter.js";
import type { LoadRun } from "./load.js";

export interface MeteredRun extends LoadRun {
  cpu: CpuTime;
}

export interface RoundCase {
  id: string;
  /** Sends `requests` deliveries; `phase` keeps delivery ids of different phases apart. */
  send(phase: string, requests: number): Promise<MeteredRun>;
}

/**
 * Warms every case, then runs them in interleaved rounds (a b c, a b c, …).
 * Other work on a shared 2-core machine comes and goes; interleaving spreads
 * it over all cases instead of billing whichever case it happened to hit.
 */
export async function runRounds(
  cases: RoundCase[],
  plan: { warmup: number; rounds: number; requestsPerRound: number },
): Promise<Map<string, MeteredRun[]>> {
  const runs = new Map(cases.map((c) => [c.id, [] as MeteredRun[]]));
  for (const c of cases) await c.send("warmup", plan.warmup);
  for (let round = 0; round < plan.rounds; round++) {
    for (const c of cases) runs.get(c.id)?.push(await c.send(`r${round}`, plan.requestsPerRound));
  }
  return runs;
}

/** The rounds of one case as if they were one run. */
export function merge(runs: MeteredRun[]): MeteredRun {
  const merged: MeteredRun = {
    latenciesMs: [],
    elapsedMs: 0,
    outcomes: {},
    cpu: { nodeMs: 0, postgresMs: 0 },
  };
  for (const run of runs) {
    merged.latenciesMs.push(...run.latenciesMs);
    merged.elapsedMs += run.elapsedMs;
    merged.cpu.nodeMs += run.cpu.nodeMs;
    merged.cpu.postgresMs += run.cpu.postgresMs;
    for (const [outcome, n] of Object.entries(run.outcomes)) {
      merged.outcomes[outcome] = (merged.outcomes[outcome] ?? 0) + n;
    }
  }
  return merged;
}
