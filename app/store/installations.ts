import type { TransactionSql } from "postgres";

export interface InstallationRow {
  id: number;
  accountLogin: string;
  accountType: string;
}

/** Records an installation as live: created, re-created, unsuspended or re-permitted. */
export async function upsertInstallation(
  tx: TransactionSql,
  installation: InstallationRow,
): Promise<void> {
  await tx`
    INSERT INTO installations (id, account_login, account_type)
    VALUES (${installation.id}, ${installation.accountLogin}, ${installation.accountType})
    ON CONFLICT (id) DO UPDATE
      SET account_login = EXCLUDED.account_login, account_type = EXCLUDED.account_type,
          suspended_at = NULL, deleted_at = NULL, updated_at = now()
      -- A redelivery or a repeated event writes no new row version (nor WAL) when nothing changed.
      WHERE (installations.account_login, installations.account_type,
             installations.suspended_at, installations.deleted_at)
        IS DISTINCT FROM (EXCLUDED.account_login, EXCLUDED.account_type, NULL, NULL)`;
}

/**
 * Makes sure an installation we first hear of through a repository event
 * exists (it predates this server, or its own delivery was lost), without
 * reviving one that was deleted or suspended.
 */
export async function ensureInstallation(
  tx: TransactionSql,
  installation: InstallationRow,
): Promise<void> {
  await tx`
    INSERT INTO installations (id, account_login, account_type)
    VALUES (${installation.id}, ${installation.accountLogin}, ${installation.accountType})
    ON CONFLICT (id) DO NOTHING`;
}

export async function markInstallationDeleted(tx: TransactionSql, id: number): Promise<void> {
  await tx`UPDATE installations SET deleted_at = now(), updated_at = now() WHERE id = ${id}`;
}

export async function markInstallationSuspended(tx: TransactionSql, id: number): Promise<void> {
  await tx`
    UPDATE installations SET suspended_at = coalesce(suspended_at, now()), updated_at = now()
    WHERE id = ${id}`;
}
