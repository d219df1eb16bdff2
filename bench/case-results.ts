import { cpus } from "node:os";
import type { LoadRun } from "./load.js";
import type { CaseResult } from "./report.js";
import { type MeteredRun, merge } from "./rounds.js";
import { summarize } from "./stats.js";

const rate = (run: LoadRun) => summarize(run.latenciesMs, run.elapsedMs).perSecond;

/**
 * Each case over all its rounds, against the baseline's. The per-round ratios
 * pair rounds that ran back to back, so their spread shows the machine's noise.
 */
export function caseResults(
  runs: Map<string, MeteredRun[]>,
  baselineId: string,
  labels: Record<string, string>,
): CaseResult[] {
  const baseRounds = runs.get(baselineId) ?? [];
  const baseRate = rate(merge(baseRounds));
  return [...runs].map(([id, rounds]) => {
    const all = merge(rounds);
    const summary = summarize(all.latenciesMs, all.elapsedMs);
    return {
      id,
      label: labels[id] ?? id,
      ...summary,
      outcomes: all.outcomes,
      ratioToBaseline: ratio(summary.perSecond, baseRate),
      roundRatios: rounds.map((run, i) => ratio(rate(run), rate(baseRounds[i] ?? run))),
      roundP99Ms: rounds.map((run) => summarize(run.latenciesMs, run.elapsedMs).p99Ms),
      cpu: cpuPerDelivery(all),
    };
  });
}

/** CPU per delivery, and how busy the machine's cores were while the case ran. */
function cpuPerDelivery(run: MeteredRun): CaseResult["cpu"] {
  const n = run.latenciesMs.length;
  const perDelivery = (ms: number) => Math.round((ms / n) * 1000);
  const busy = (run.cpu.nodeMs + run.cpu.postgresMs) / (run.elapsedMs * cpus().length);
  return {
    nodeUs: perDelivery(run.cpu.nodeMs),
    postgresUs: perDelivery(run.cpu.postgresMs),
    machineBusy: Math.round(busy * 100) / 100,
  };
}

function ratio(value: number, baseline: number): number {
  return Math.round((value / baseline) * 100) / 100;
}
