import type { Sql, TransactionSql } from "postgres";

export interface DeliveryRecord {
  id: string;
  event: string;
  action: string | null;
  installationId: number | null;
  repository: string | null;
}

/**
 * Claims deliveries for processing inside the handlers' transaction, in one
 * statement, and returns the ids claimed; the others were already processed.
 * A concurrent copy of a delivery waits on its row lock and then sees it
 * processed; a failed or rolled-back one may be claimed again, which is what
 * a manual redelivery needs. Ids must be distinct.
 */
export async function claimDeliveries(
  tx: TransactionSql,
  deliveries: DeliveryRecord[],
): Promise<Set<string>> {
  const column = <K extends keyof DeliveryRecord>(key: K) =>
    deliveries.map((delivery) => delivery[key]);
  const rows = await tx<{ id: string }[]>`
    INSERT INTO deliveries (id, event, action, installation_id, repository, status)
    SELECT id, event, action, installation_id, repository, 'processed'
    FROM unnest(${column("id")}::text[], ${column("event")}::text[], ${column("action")}::text[],
                ${column("installationId")}::bigint[], ${column("repository")}::text[])
      AS batch (id, event, action, installation_id, repository)
    ON CONFLICT (id) DO UPDATE
      SET status = 'processed', attempts = deliveries.attempts + 1, error = NULL, updated_at = now()
      WHERE deliveries.status <> 'processed'
    RETURNING id`;
  return new Set(rows.map((row) => row.id));
}

/**
 * Records deliveries no handler wants, in one statement inside a group
 * commit's transaction, so they share its single WAL flush. A repeat is left
 * as it was.
 */
export async function recordIgnoredDeliveries(
  tx: TransactionSql,
  deliveries: DeliveryRecord[],
): Promise<void> {
  const column = <K extends keyof DeliveryRecord>(key: K) =>
    deliveries.map((delivery) => delivery[key]);
  await tx`
    INSERT INTO deliveries (id, event, action, installation_id, repository, status)
    SELECT id, event, action, installation_id, repository, 'ignored'
    FROM unnest(${column("id")}::text[], ${column("event")}::text[], ${column("action")}::text[],
                ${column("installationId")}::bigint[], ${column("repository")}::text[])
      AS batch (id, event, action, installation_id, repository)
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
