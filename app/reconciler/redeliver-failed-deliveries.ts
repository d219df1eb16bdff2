import type { Logger } from "pino";
import type { Sql, TransactionSql } from "postgres";
import type { ProbotOctokit } from "probot";
import {
  chooseRedeliveries,
  type DeliveryAttempt,
  type RecordedStatus,
} from "../core/reconcile/choose-redeliveries.js";

export interface RedeliverOptions {
  /** Authenticated as the App itself (JWT), not as an installation. */
  octokit: Pick<ProbotOctokit, "paginate" | "request">;
  sql: Sql | TransactionSql;
  log: Logger;
  now: Date;
  lookbackMs: number;
  cooldownMs: number;
  max: number;
}

/**
 * GitHub never redelivers on its own. Deliveries that failed while the app
 * was down or broken are asked for again, newest first, within a look-back
 * window; what was committed here is never asked for.
 */
export async function redeliverFailedDeliveries(options: RedeliverOptions): Promise<number> {
  const attempts = await listRecentAttempts(options);
  const recorded = await recordedStatuses(options.sql, [...new Set(attempts.map((a) => a.guid))]);
  const chosen = chooseRedeliveries(attempts, recorded, {
    now: options.now.toISOString(),
    cooldownMs: options.cooldownMs,
    max: options.max,
  });
  for (const deliveryId of chosen) {
    await options.octokit.request("POST /app/hook/deliveries/{delivery_id}/attempts", {
      delivery_id: deliveryId,
    });
  }
  if (chosen.length)
    options.log.info({ redelivered: chosen.length }, "Asked GitHub to redeliver failed deliveries");
  return chosen.length;
}

async function listRecentAttempts({
  octokit,
  now,
  lookbackMs,
}: RedeliverOptions): Promise<DeliveryAttempt[]> {
  const since = now.getTime() - lookbackMs;
  const attempts: DeliveryAttempt[] = [];
  // Newest first: stop paging at the first attempt older than the window.
  for await (const page of octokit.paginate.iterator("GET /app/hook/deliveries", {
    per_page: 100,
  })) {
    for (const item of page.data) {
      if (Date.parse(item.delivered_at) < since) return attempts;
      attempts.push({
        id: item.id,
        guid: item.guid,
        deliveredAt: item.delivered_at,
        statusCode: item.status_code,
        redelivery: item.redelivery,
      });
    }
  }
  return attempts;
}

async function recordedStatuses(
  sql: Sql | TransactionSql,
  guids: string[],
): Promise<Map<string, RecordedStatus>> {
  if (guids.length === 0) return new Map();
  const rows = await sql<{ id: string; status: RecordedStatus }[]>`
    SELECT id, status FROM deliveries WHERE id = ANY(${guids}::text[])`;
  return new Map(rows.map((row) => [row.id, row.status]));
}
