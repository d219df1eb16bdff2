import { randomUUID } from "node:crypto";
import type { JSONValue, Sql, TransactionSql } from "postgres";
import { transactionScope } from "./transaction-scope.js";
import { ROWS, rowsPart, type StatementPart, writeTogether } from "./write-together.js";

/** An effect to perform after commit. The key makes enqueueing it twice a no-op. */
export interface OutboxEffect {
  idempotencyKey: string;
  kind: string;
  installationId: number;
  payload: Record<string, JSONValue>;
}

export interface ClaimedEffect extends OutboxEffect {
  id: number;
  /**
   * Attempts started before this one, plus this one: a claim whose lease ran
   * out before its performer started is not counted, so `attempts > 1` means
   * an earlier attempt started and may have acted.
   */
  attempts: number;
  /** When the effect was queued (ISO 8601): performers look for their own work since then. */
  createdAt: string;
  /** The claim's token: `startEffect` under it succeeds only while this claim holds the row. */
  lease: string;
  /** The previous attempt started and never recorded how it ended: its worker died performing it. */
  interrupted: boolean;
  /** Of `attempts`, those GitHub told to wait (rate limits): they do not count toward burying it. */
  waited: number;
}

/** Every statement that inserts outbox rows calls this with its transaction. */
export function noteEffectsQueued(tx: TransactionSql): void {
  transactionScope(tx).effectsQueued = true;
}

/** Whether `tx` queued an effect, so its commit should wake the outbox worker at once. */
export function queuedEffects(tx: TransactionSql): boolean {
  return transactionScope(tx).effectsQueued;
}

/** Written in the state change's own transaction: both commit, or neither. */
export async function enqueueEffects(tx: TransactionSql, effects: OutboxEffect[]): Promise<void> {
  await writeTogether(tx, [effectsWrite(tx, effects)]);
}

/** `enqueueEffects`' statement (none for no effects), to be sent with others (`writeTogether`). */
export function effectsWrite(
  tx: TransactionSql,
  effects: readonly OutboxEffect[],
): StatementPart | undefined {
  if (effects.length === 0) return undefined;
  noteEffectsQueued(tx);
  // One JSON array whatever the number of effects, its elements taken in order (and so
  // numbered); each payload stays JSON from end to end, never escaped into a text again.
  const rows = effects.map((effect) => ({
    key: effect.idempotencyKey,
    kind: effect.kind,
    installation_id: effect.installationId,
    payload: effect.payload,
  }));
  return rowsPart("effects", rows)`
    INSERT INTO outbox (idempotency_key, kind, installation_id, payload)
    SELECT key, kind, installation_id, payload
    FROM jsonb_to_recordset(${ROWS})
      AS effect (key text, kind text, installation_id bigint, payload jsonb)
    ON CONFLICT (idempotency_key) DO NOTHING`;
}

/**
 * Takes up to `limit` due effects and leases them for `leaseMs`: other
 * replicas skip locked rows now and leased rows until the lease ends, so an
 * effect whose worker died is taken up again after it. The attempt is
 * charged here, except for a row whose previous lease ended before its
 * performer started (`startEffect`): that claim's attempt is carried over,
 * so a worker that dies spends one only on the effect it was performing.
 */
export async function claimDueEffects(
  sql: Sql,
  limit: number,
  leaseMs: number,
): Promise<ClaimedEffect[]> {
  const lease = randomUUID();
  const rows = await sql<
    {
      id: string;
      idempotency_key: string;
      kind: string;
      installation_id: string;
      payload: Record<string, JSONValue>;
      attempts: number;
      created_at: Date;
      interrupted: boolean;
      waited: number;
    }[]
  >`
    WITH due AS (
      SELECT id, lease IS NOT NULL AND started_at IS NULL AS unstarted,
        started_at IS NOT NULL AS interrupted
      FROM outbox WHERE status = 'pending' AND run_after <= now()
      ORDER BY run_after, id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    UPDATE outbox SET attempts = outbox.attempts + CASE WHEN due.unstarted THEN 0 ELSE 1 END,
      lease = ${lease}, started_at = NULL,
      run_after = now() + ${leaseMs} * interval '1 millisecond'
    FROM due WHERE outbox.id = due.id
    RETURNING outbox.id, idempotency_key, kind, installation_id, payload, attempts, created_at,
      due.interrupted, waited`;
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
        lease,
        interrupted: row.interrupted,
        waited: row.waited,
      }))
      // RETURNING has no order; effects of one change must run in the order they were written.
      .sort((a, b) => a.id - b.id)
  );
}

/**
 * Records that `effect`'s performer starts now, from then on its attempt
 * counts even if the worker dies. False when this claim no longer holds the
 * row (its lease ran out and another claim took it, or it is no longer
 * pending): the caller must not perform it. Once half the lease is spent,
 * the rest of the claim's rows are leased anew together, so a batch that
 * outlasts its lease is not taken from under it, and rows that one crash
 * leaves behind still fall due together, in the order they were written.
 */
export async function startEffect(
  sql: Sql,
  effect: Pick<ClaimedEffect, "id" | "lease">,
  leaseMs: number,
): Promise<boolean> {
  const rows = await sql<{ id: string }[]>`
    UPDATE outbox SET started_at = CASE WHEN id = ${effect.id} THEN now() ELSE started_at END,
      run_after = CASE WHEN run_after < now() + ${leaseMs / 2} * interval '1 millisecond'
        THEN now() + ${leaseMs} * interval '1 millisecond' ELSE run_after END
    WHERE lease = ${effect.lease} AND status = 'pending'
      AND (id = ${effect.id} OR run_after < now() + ${leaseMs / 2} * interval '1 millisecond')
    RETURNING id`;
  return rows.some((row) => Number(row.id) === effect.id);
}

/**
 * Keeps `effect` leased for `leaseMs` more while it is performed, so a
 * performer slower than the lease is not taken up by another worker midway.
 * The rest of its claim is not renewed: what waits behind a slow effect may
 * be taken up by another worker once its lease runs out. False once the
 * claim no longer holds it.
 */
export async function renewLease(
  sql: Sql,
  effect: Pick<ClaimedEffect, "id" | "lease">,
  leaseMs: number,
): Promise<boolean> {
  const rows = await sql`
    UPDATE outbox SET run_after = now() + ${leaseMs} * interval '1 millisecond'
    WHERE id = ${effect.id} AND lease = ${effect.lease} AND status = 'pending'
    RETURNING id`;
  return rows.length > 0;
}

/** The attempt ended: no worker holds the row any more. */
export async function markEffectDone(sql: Sql, id: number): Promise<void> {
  await sql`
    UPDATE outbox SET status = 'done', done_at = now(), last_error = NULL, lease = NULL,
      started_at = NULL
    WHERE id = ${id}`;
}

/**
 * `refundAttempt`: the claim's attempt is given back (the effect waited, it
 * did not fail). `waited`: GitHub told the attempt to wait; it stays counted,
 * but not toward dead-lettering (`ClaimedEffect.waited`).
 */
export async function rescheduleEffect(
  sql: Sql,
  id: number,
  delayMs: number,
  error: string,
  { refundAttempt = false, waited = false } = {},
): Promise<void> {
  const refund = refundAttempt ? 1 : 0;
  await sql`
    UPDATE outbox SET run_after = now() + ${delayMs} * interval '1 millisecond', last_error = ${error},
      attempts = greatest(attempts - ${refund}, 0), waited = waited + ${waited ? 1 : 0},
      lease = NULL, started_at = NULL
    WHERE id = ${id} AND status = 'pending'`;
}

/**
 * Dead-letters an effect that kept failing: no more tries until a person acts.
 * `refundAttempt`: the claim's attempt was never started (given up before it).
 */
export async function buryEffect(
  sql: Sql,
  id: number,
  error: string,
  { refundAttempt = false } = {},
): Promise<void> {
  const refund = refundAttempt ? 1 : 0;
  await sql`
    UPDATE outbox SET status = 'dead', last_error = ${error}, lease = NULL, started_at = NULL,
      attempts = greatest(attempts - ${refund}, 0)
    WHERE id = ${id}`;
}
