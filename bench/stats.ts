export interface LatencySummary {
  completed: number;
  elapsedMs: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** Throughput over the whole run, latency percentiles by nearest rank. */
export function summarize(latenciesMs: number[], elapsedMs: number): LatencySummary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    completed: sorted.length,
    elapsedMs: round(elapsedMs),
    perSecond: round((sorted.length / elapsedMs) * 1000),
    p50Ms: round(percentile(sorted, 0.5)),
    p99Ms: round(percentile(sorted, 0.99)),
  };
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(fraction * sorted.length) - 1;
  return sorted[Math.max(0, rank)] ?? Number.NaN;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
