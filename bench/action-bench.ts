import { mkdir, writeFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import { dirname } from "node:path";
import { type ColdStart, measureColdStart } from "./action-cold-start.js";
import { type CacheShare, measureTokenEconomy } from "./action-token-economy.js";

const RESULTS_PATH = new URL("./results/action.json", import.meta.url).pathname;
/** Cold starts timed, each beside a bare `node -e 0`. */
const COLD_STARTS = 20;

/** What `npm run bench -- action` writes to bench/results/action.json. */
export interface ActionBenchResults {
  generatedAt: string;
  environment: { cpus: number; node: string; loadAverage: { before: number; after: number } };
  coldStart: ColdStart;
  tokenEconomy: CacheShare[];
}

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

function format(results: ActionBenchResults): string {
  const { coldStart: c, environment: e } = results;
  const lines = [
    `Action (load average ${e.loadAverage.before.toFixed(1)} → ${e.loadAverage.after.toFixed(1)} on ${e.cpus} cores)`,
    `  cold start to first LLM request, ${c.runs} runs: p50 ${c.actionMs.p50} ms, p95 ${c.actionMs.p95} ms`,
    `  node -e 0 beside it: p50 ${c.nodeMs.p50} ms, p95 ${c.nodeMs.p95} ms; ratio of p50s ${c.ratioP50}x`,
    `  bundle: ${c.bundle.bytes} bytes, ${c.bundle.gzipBytes} gzipped`,
    "  share of input tokens served from cache (after turn one | next task's first turn | overall):",
  ];
  for (const s of results.tokenEconomy) {
    lines.push(
      `    ${s.provider.padEnd(9)} ${s.assembly.padEnd(12)} ${percent(s.afterTurnOne)} | ${percent(s.nextTaskFirstTurn)} | ${percent(s.overall)}`,
    );
  }
  return lines.join("\n");
}

/** The action's benchmarks: cold start and bundle size, then the token economy. */
export async function runActionBench(): Promise<ActionBenchResults> {
  const before = loadavg()[0] ?? 0;
  const coldStart = await measureColdStart(COLD_STARTS);
  const tokenEconomy = await measureTokenEconomy();
  const results: ActionBenchResults = {
    generatedAt: new Date().toISOString(),
    environment: {
      cpus: cpus().length,
      node: process.version,
      loadAverage: { before, after: loadavg()[0] ?? 0 },
    },
    coldStart,
    tokenEconomy,
  };
  await mkdir(dirname(RESULTS_PATH), { recursive: true });
  await writeFile(RESULTS_PATH, `${JSON.stringify(results, null, 2)}\n`);
  console.log(format(results));
  return results;
}
