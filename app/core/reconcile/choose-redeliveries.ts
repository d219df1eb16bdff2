/** One attempt as GitHub's `GET /app/hook/deliveries` lists it. */
export interface DeliveryAttempt {
  id: number;
  guid: string;
  deliveredAt: string;
  statusCode: number;
  redelivery: boolean;
}

export type RecordedStatus = "processed" | "ignored" | "failed";

export interface RedeliveryPolicy {
  now: string;
  /** Do not ask again for a delivery GitHub re-sent this recently: it may still be in flight. */
  cooldownMs: number;
  max: number;
}

/**
 * Which deliveries to ask GitHub to send again: those that never reached a
 * committed outcome here (every attempt failed, and our own record is missing
 * or says failed). GitHub keeps the delivery id, so a redelivery that finds it
 * processed changes nothing — this only saves requests. Returns attempt ids,
 * the newest failed attempt of each delivery.
 */
export function chooseRedeliveries(
  attempts: readonly DeliveryAttempt[],
  recorded: ReadonlyMap<string, RecordedStatus>,
  policy: RedeliveryPolicy,
): number[] {
  const byGuid = new Map<string, DeliveryAttempt[]>();
  for (const attempt of attempts)
    byGuid.set(attempt.guid, [...(byGuid.get(attempt.guid) ?? []), attempt]);
  const chosen: number[] = [];
  for (const [guid, group] of byGuid) {
    if (chosen.length >= policy.max) break;
    const status = recorded.get(guid);
    if (status === "processed" || status === "ignored") continue;
    if (group.some((attempt) => attempt.statusCode >= 200 && attempt.statusCode < 300)) continue;
    const newest = group.reduce((a, b) => (a.deliveredAt >= b.deliveredAt ? a : b));
    if (newest.redelivery && ageMs(newest, policy.now) < policy.cooldownMs) continue;
    chosen.push(newest.id);
  }
  return chosen;
}

function ageMs(attempt: DeliveryAttempt, now: string): number {
  return Date.parse(now) - Date.parse(attempt.deliveredAt);
}
