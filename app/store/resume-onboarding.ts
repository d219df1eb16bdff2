import type { TransactionSql } from "postgres";
import { OPEN_ONBOARDING_PR } from "./onboarding.js";
import { noteEffectsQueued } from "./outbox.js";

/**
 * Queues `open_onboarding_pr` again for the repository's project if it is
 * still onboarding and none is waiting already; with `parkedOnly`, only where
 * no onboarding PR was ever recorded (an empty repository parked until its
 * first push). One statement; returns how many were queued (0 or 1).
 */
export async function resumeOnboarding(
  tx: TransactionSql,
  repoId: number,
  { parkedOnly }: { parkedOnly: boolean },
  deliveryId: string,
): Promise<number> {
  noteEffectsQueued(tx);
  const queued = await tx`
    INSERT INTO outbox (idempotency_key, kind, installation_id, payload)
    SELECT 'onboard:' || p.id || ':' || ${deliveryId}, ${OPEN_ONBOARDING_PR}, p.installation_id,
      jsonb_build_object('projectId', p.id)
    FROM projects p
    WHERE p.repo_id = ${repoId} AND p.status = 'onboarding'
      AND (NOT ${parkedOnly}::boolean OR p.onboarding_pr IS NULL)
      AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.installation_id = p.installation_id
        AND o.kind = ${OPEN_ONBOARDING_PR} AND o.status = 'pending'
        AND o.payload ->> 'projectId' = p.id::text)
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING id`;
  return queued.length;
}
