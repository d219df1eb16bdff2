import type { JSONValue, Sql, TransactionSql } from "postgres";

/** An effect to perform after commit. The key makes enqueueing it twice a no-op. */
export interface OutboxEffect {
  idempotencyKey: string;
  kind: string;
  installationId: number;
  payload: Record<string, JSONValue>;
}

export interface ClaimedEffect extends OutboxEffect {
  id: number;
  attempts: number;
  /** When the effect was queued (ISO 8601): performers look for their own work since then. */
  createdAt: string;
}

// Transactions that queued an effect: only their commit needs to wake the worker at once.
const queuedIn = new WeakSet<TransactionSql>();

/** Every statement that inserts outbox rows calls this with its transaction. */
export function noteEffectsQueued(tx: TransactionSql): void {
  queuedIn.add(tx);
}

/** Whether `tx` queued an effect, so its commit should wake the outbox worker. */
export function queuedEffects(tx: TransactionSql): boolean {
  return queuedIn.has(tx);
}

/** Written in the state change's own transaction: both commit, or neither. */
export async function enqueueEffects(tx: TransactionSql, effects: OutboxEffect[]): Promise<void> {
  if (effects.length === 0) return;
  noteEffectsQueued(tx);
  const rows = effects.map((effect) => ({
    idempotency_key: effect.idempotencyKey,
    kind: effect.kind,
    installation_id: effect.installationId,
    payload: effect.payload,
  }));
  await tx`
    INSERT INTO outbox ${tx(rows, "idempotency_key", "kind", "installation_id", "payload")}
    ON CONFLICT (idempotency_key) DO NOTHING`;
}

/**
 * Takes up to `limit` due effects and leases them for `leaseMs`: other
 * replicas skip locked rows now and leased rows until the lease ends, so an
 * effect whose worker died is taken up again after it.
 */
export async function claimDueEffects(
  sql: Sql,
  limit: number,
  leaseMs: number,
): Promise<ClaimedEffect[]> {
  const rows = await sql<
    {
      id: string;
      idempotency_key: string;
      kind: string;
      installation_id: string;
      payload: Record<string, JSONValue>;
      attempts: number;
      created_at: Date;
    }[]
  >`
    UPDATE outbox SET attempts = attempts + 1, run_after = now() + ${leaseMs} * interval '1 millisecond'
    WHERE id IN (
      SELECT id FROM outbox WHERE status = 'pending' AND run_after <= now()
      ORDER BY run_after, id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, idempotency_key, kind, installation_id, payload, attempts, created_at`;
  return (
    rows
      .map((row) => ({
        id: Number(row.id),
        idempotencyKey: row.idempotency_key,
        kind: row.kind,
        installationId: Number(row.installation_id),
        payload: row.payload,
        attempts: row.attempts,
        createdAt: row.created_at.toISOString(),
      }))
      // RETURNING has no order; effects of one change must run in the order they were written.
      .sort((a, b) => a.id - b.id)
  );
}

export async function markEffectDone(sql: Sql, id: number): Promise<void> {
  await sql`UPDATE outbox SET status = 'done', done_at = now(), last_error = NULL WHERE id = ${id}`;
}

/** `refundAttempt`: the claim's attempt is given back (the effect waited, it did not fail). */
export async function rescheduleEffect(
  sql: Sql,
  id: number,
  delayMs: number,
  error: string,
  { refundAttempt = false } = {},
): Promise<void> {
  const refund = refundAttempt ? 1 : 0;
  await sql`
    UPDATE outbox SET run_after = now() + ${delayMs} * interval '1 millisecond', last_error = ${error},
      attempts = greatest(attempts - ${refund}, 0)
    WHERE id = ${id} AND status = 'pending'`;
}

/** Dead-letters an effect that kept failing: no more tries until a person acts. */
export async function buryEffect(sql: Sql, id: number, error: string): Promise<void> {
  await sql`UPDATE outbox SET status = 'dead', last_error = ${error} WHERE id = ${id}`;
}
