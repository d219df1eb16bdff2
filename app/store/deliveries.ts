import type { Sql, TransactionSql } from "postgres";

export interface DeliveryRecord {
  id: string;
  event: string;
  action: string | null;
  installationId: number | null;
  repository: string | null;
}

/**
 * Claims a delivery for processing inside the handler's transaction. Returns
 * false when it was already processed. A concurrent copy of the same delivery
 * waits on the row lock and then sees it processed; a failed or rolled-back
 * one may be claimed again, which is what a manual redelivery needs.
 */
export async function claimDelivery(
  tx: TransactionSql,
  delivery: DeliveryRecord,
): Promise<boolean> {
  const rows = await tx`
    INSERT INTO deliveries (id, event, action, installation_id, repository, status)
    VALUES (${delivery.id}, ${delivery.event}, ${delivery.action}, ${delivery.installationId},
            ${delivery.repository}, 'processed')
    ON CONFLICT (id) DO UPDATE
      SET status = 'processed', attempts = deliveries.attempts + 1, error = NULL, updated_at = now()
      WHERE deliveries.status <> 'processed'
    RETURNING id`;
  return rows.length === 1;
}

/** Records a delivery no handler wants. A repeat is left as it was. */
export async function recordIgnoredDelivery(sql: Sql, delivery: DeliveryRecord): Promise<void> {
  await sql`
    INSERT INTO deliveries (id, event, action, installation_id, repository, status)
    VALUES (${delivery.id}, ${delivery.event}, ${delivery.action}, ${delivery.installationId},
            ${delivery.repository}, 'ignored')
    ON CONFLICT (id) DO NOTHING`;
}

/**
 * Records a failure outside the rolled-back transaction, so the reconciler
 * can ask GitHub to redeliver it. Never downgrades a processed delivery.
 */
export async function recordFailedDelivery(
  sql: Sql,
  delivery: DeliveryRecord,
  error: string,
): Promise<void> {
  await sql`
    INSERT INTO deliveries (id, event, action, installation_id, repository, status, error)
    VALUES (${delivery.id}, ${delivery.event}, ${delivery.action}, ${delivery.installationId},
            ${delivery.repository}, 'failed', ${error})
    ON CONFLICT (id) DO UPDATE
      SET status = 'failed', attempts = deliveries.attempts + 1, error = EXCLUDED.error, updated_at = now()
      WHERE deliveries.status <> 'processed'`;
}
