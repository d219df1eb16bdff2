import { readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { startFakeOpenAIServer } from "../test/fakes/openai-server.js";
import { startLocalOidcIssuer } from "../test/helpers/local-oidc-issuer.js";
import { AUDIENCE, timeAction, timeBareNode } from "./action-cold-start-run.js";

const BUNDLE = new URL("../action/dist/index.js", import.meta.url).pathname;

/** Cold start of the committed bundle beside a bare `node -e 0`, run for run. */
export interface ColdStart {
  runs: number;
  actionMs: { p50: number; p95: number };
  nodeMs: { p50: number; p95: number };
  /** Action p50 over bare node p50. */
  ratioP50: number;
  bundle: { bytes: number; gzipBytes: number };
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const value = sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
  return Math.round(value * 10) / 10;
}

/**
 * Times `runs` cold starts of the action, each right after a bare
 * `node -e 0`, so both see the same load; one pair first, untimed, warms the disk cache.
 */
export async function measureColdStart(runs: number): Promise<ColdStart> {
  const llm = await startFakeOpenAIServer();
  const issuer = await startLocalOidcIssuer({ audience: AUDIENCE, runId: 9000001 });
  try {
    const action: number[] = [];
    const node: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const pair = [await timeBareNode(), await timeAction(llm, issuer)] as const;
      if (i > 0) [node[i - 1], action[i - 1]] = pair;
    }
    const actionMs = { p50: percentile(action, 0.5), p95: percentile(action, 0.95) };
    const nodeMs = { p50: percentile(node, 0.5), p95: percentile(node, 0.95) };
    const bundle = readFileSync(BUNDLE);
    return {
      runs,
      actionMs,
      nodeMs,
      ratioP50: Math.round((actionMs.p50 / nodeMs.p50) * 100) / 100,
      bundle: { bytes: statSync(BUNDLE).size, gzipBytes: gzipSync(bundle, { level: 9 }).length },
    };
  } finally {
    await llm.close();
    await issuer.close();
  }
}
