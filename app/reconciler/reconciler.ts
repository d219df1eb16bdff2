import type { Logger } from "pino";
import type { Sql, TransactionSql } from "postgres";
import type { Probot } from "probot";
import { applyPipelineEvent } from "../pipeline/apply-pipeline-event.js";
import { findOverdueRuns } from "../store/overdue-runs.js";
import { redeliverFailedDeliveries } from "./redeliver-failed-deliveries.js";

// Any constant shared by every replica: only one of them reconciles at a time.
const RECONCILER_LOCK = 0x71702d7265636fn;

export interface ReconcilerOptions {
  sql: Sql;
  probot: Probot;
  log: Logger;
  intervalMs?: number;
  startGraceMinutes?: number;
}

/**
 * The safety net, every few minutes on one replica (an advisory lock picks
 * it): times out stage runs that never started or ran too long (their
 * workflow runs are cancelled by the pipeline's effects), then asks GitHub to
 * redeliver webhook deliveries that failed while the app was down.
 */
export function createReconciler(options: ReconcilerOptions) {
  const { sql, log, intervalMs = 5 * 60_000 } = options;
  let timer: NodeJS.Timeout | undefined;
  // One transaction per pass, on one connection (an embedded database has only one);
  // its advisory lock ends with it, so a replica that dies mid-pass frees it.
  const runOnce = () =>
    sql.begin(async (tx) => {
      const [lock] =
        await tx`SELECT pg_try_advisory_xact_lock(${RECONCILER_LOCK.toString()}::bigint) AS taken`;
      if (!lock?.taken) return;
      await timeOutRuns(tx, options);
      await redeliverFailedDeliveries({
        octokit: await options.probot.auth(),
        sql: tx,
        log,
        now: new Date(),
        lookbackMs: 3 * 24 * 3600_000,
        cooldownMs: 10 * 60_000,
        max: 50,
      });
    });
  const tick = () => {
    runOnce()
      .catch((error: unknown) =>
        log.error({ err: error }, "Reconciler pass failed; next pass retries"),
      )
      .finally(() => {
        timer = setTimeout(tick, intervalMs).unref();
      });
  };
  return {
    runOnce,
    start: () => {
      timer = setTimeout(tick, intervalMs).unref();
    },
    stop: () => clearTimeout(timer),
  };
}

async function timeOutRuns(
  tx: TransactionSql,
  { log, startGraceMinutes = 30 }: ReconcilerOptions,
): Promise<void> {
  for (const run of await findOverdueRuns(tx, startGraceMinutes)) {
    const event = {
      type: "run_lost" as const,
      runId: run.runNumber,
      reason: run.reason,
      timedOut: true,
      now: new Date().toISOString(),
    };
    const key = `timeout:${run.workItemId}:${run.runNumber}`;
    const outcome = await applyPipelineEvent(tx, run.workItemId, event, key);
    log.info(
      { workItemId: run.workItemId, run: run.runNumber, applied: outcome.applied },
      "Stage run timed out",
    );
  }
}
