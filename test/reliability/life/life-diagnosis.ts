import type { Sql } from "postgres";

/** What a life left unfinished in the app's database: the first place to look when effects are lost. */
export interface LifeDiagnosis {
  /** Effects the outbox gave up on, with why. */
  dead: { kind: string; key: string; attempts: number; error: string | null }[];
  /** Deliveries whose handler failed and were never committed by a redelivery. */
  failed: { id: string; event: string; action: string | null; error: string | null }[];
}

/** Reads the dead-lettered effects and failed deliveries a life ended with. */
export async function diagnoseLife(sql: Sql): Promise<LifeDiagnosis> {
  const dead = await sql<LifeDiagnosis["dead"]>`
    SELECT kind, idempotency_key AS key, attempts, last_error AS error
    FROM outbox WHERE status = 'dead' ORDER BY id`;
  const failed = await sql<LifeDiagnosis["failed"]>`
    SELECT id, event, action, error FROM deliveries WHERE status = 'failed' ORDER BY received_at`;
  return { dead: [...dead], failed: [...failed] };
}
