import type { Sql, TransactionSql } from "postgres";
import {
  claimDeliveries,
  type DeliveryRecord,
  recordIgnoredDeliveries,
} from "../store/deliveries.js";
import { queuedEffects } from "../store/outbox.js";
import { mergeable, type StatementPart, sendTogetherNow } from "../store/write-together.js";
import { sealableTransaction } from "./sealable-transaction.js";

export interface CommitItem {
  record: DeliveryRecord;
  /**
   * The delivery's handlers, writing through the shared transaction; none:
   * recorded as ignored. Calling `lastWritesSent` once the last statement is
   * sent lets the installation's next delivery start without waiting for their
   * answers; `tx` then refuses further statements.
   */
  handle?: (tx: TransactionSql, lastWritesSent: () => void, handoff: Handoff) => Promise<void>;
}

/**
 * What a delivery leaves for the next delivery of its installation in the
 * same transaction. That one runs right after it with nothing in between, so
 * rows this one read, locked and changed are still known as it left them,
 * without reading them again.
 */
export interface Handoff {
  /** What the previous delivery passed on; undefined if it passed nothing, or there was none. */
  readonly received: unknown;
  /** Leaves `value` for the next delivery. Only before `lastWritesSent`: the next may start then. */
  pass(value: unknown): void;
  /**
   * Leaves writes unsent, to go out with those the installation's next
   * deliveries leave (row parts of one call site merge: a burst's rows go out
   * as one statement), just before the next statement this installation's
   * deliveries make (this one's or a later one's) or after the last of them,
   * whichever comes first: none of their statements misses them. Only before
   * `lastWritesSent`. False, and nothing left, where they would not merge
   * with those already left or writes cannot be left at all (a delivery
   * several handlers share): then send them yourself.
   */
  defer(parts: readonly StatementPart[]): boolean;
}

export type CommitOutcome = "processed" | "duplicate" | "ignored";

/** At most this many deliveries share a transaction (`createGroupCommit`'s default). */
export const MAX_BATCH = 64;

export interface GroupCommit {
  /** Resolves once the delivery's writes are committed; rejects with its handler's error. */
  submit(item: CommitItem): Promise<CommitOutcome>;
}

interface Entry {
  item: CommitItem;
  resolve(outcome: CommitOutcome): void;
  reject(error: unknown): void;
}

/**
 * Commits concurrent deliveries together: what arrives while a lane's
 * transaction is running goes into its next one, so a lone delivery waits for
 * nothing and a burst shares BEGIN, one claim statement and COMMIT. An
 * installation always maps to the same lane, keeping its deliveries in
 * arrival order (and within a batch, different installations run side by
 * side: `runByInstallation`). If any handler in a batch throws, the batch is
 * rolled back and its deliveries are re-run one by one, so only the failing
 * one fails.
 * Deliveries no handler wants ride along, so they too share a commit.
 * `onEffectsQueued` is called after each commit whose handlers queued an
 * effect (`noteEffectsQueued`), and only then: waking the outbox worker for
 * every delivery cost a claim statement each time for nothing.
 */
export function createGroupCommit(
  sql: Sql,
  { lanes = 4, maxBatch = MAX_BATCH, onEffectsQueued = () => {} } = {},
): GroupCommit {
  const queues = Array.from({ length: lanes }, () => ({ entries: [] as Entry[], busy: false }));
  const commit = (batch: Entry[]) => commitBatch(sql, batch, onEffectsQueued);
  const drain = async (queue: (typeof queues)[number]) => {
    queue.busy = true;
    while (queue.entries.length > 0) await commit(queue.entries.splice(0, maxBatch));
    queue.busy = false;
  };
  return {
    submit(item) {
      const queue = queues[Math.abs(item.record.installationId ?? 0) % lanes] ?? queues[0];
      return new Promise<CommitOutcome>((resolve, reject) => {
        queue?.entries.push({ item, resolve, reject });
        if (queue && !queue.busy) void drain(queue);
      });
    },
  };
}

async function commitBatch(sql: Sql, batch: Entry[], onEffectsQueued: () => void): Promise<void> {
  try {
    let queued = false;
    const outcomes = await sql.begin(async (tx) => {
      const batchOutcomes = await runBatch(
        tx,
        batch.map((entry) => entry.item),
      );
      queued = queuedEffects(tx);
      return batchOutcomes;
    });
    if (queued) onEffectsQueued();
    for (const [index, entry] of batch.entries()) entry.resolve(outcomes[index] ?? "duplicate");
  } catch (error) {
    if (batch.length === 1) return batch[0]?.reject(error);
    for (const entry of batch) await commitBatch(sql, [entry], onEffectsQueued);
  }
}

async function runBatch(tx: TransactionSql, items: CommitItem[]): Promise<CommitOutcome[]> {
  const first = new Map<string, CommitItem>();
  for (const item of items) if (!first.has(item.record.id)) first.set(item.record.id, item);
  const unique = [...first.values()];
  const toClaim = unique.filter((item) => item.handle).map((item) => item.record);
  const toIgnore = unique.filter((item) => !item.handle).map((item) => item.record);
  // Sent together: postgres.js pipelines both statements in one round trip.
  const [claimed] = await Promise.all([
    toClaim.length > 0 ? claimDeliveries(tx, toClaim) : new Set<string>(),
    toIgnore.length > 0 ? recordIgnoredDeliveries(tx, toIgnore) : undefined,
  ]);
  const outcomes = items.map((item): CommitOutcome => {
    if (!item.handle) return "ignored";
    const mine = first.get(item.record.id) === item && claimed.has(item.record.id);
    return mine ? "processed" : "duplicate";
  });
  await runByInstallation(
    tx,
    items.filter((_, index) => outcomes[index] === "processed"),
  );
  return outcomes;
}

/**
 * One installation's deliveries run one after another, in arrival order;
 * different installations' run side by side, so their statements share the
 * connection's pipeline instead of taking a round trip each in turn. They
 * touch disjoint rows: everything a handler reads or changes (projects, work
 * items, the onboarding pace) belongs to one installation; shared tables only
 * receive inserts. Every handler is waited for before a failure is reported,
 * so none is still writing when the batch rolls back.
 */
async function runByInstallation(tx: TransactionSql, items: CommitItem[]): Promise<void> {
  const groups = new Map<number | null, CommitItem[]>();
  for (const item of items) {
    const group = groups.get(item.record.installationId);
    if (group) group.push(item);
    else groups.set(item.record.installationId, [item]);
  }
  const running: Promise<void>[] = [];
  await Promise.all([...groups.values()].map((group) => runInOrder(tx, group, running)));
  const settled = await Promise.allSettled(running);
  const failure = settled.find((result) => result.status === "rejected");
  if (failure) throw failure.reason;
}

/**
 * One installation's deliveries, in order: the next starts when this one has
 * finished, or has said it sent its last statement. PostgreSQL runs one
 * connection's statements in the order they were sent, so the next one's
 * reads still see every write of this one, without waiting a round trip for
 * their answers. Each delivery gets what the one before it passed on
 * (`Handoff`), and only that one; deferred writes wait for the group's next
 * statement or its end, whichever comes first. A handler that fails stops
 * the ones after it (the batch rolls back anyway); its failure is reported
 * by the caller, with the rest.
 */
async function runInOrder(
  tx: TransactionSql,
  group: CommitItem[],
  running: Promise<void>[],
): Promise<void> {
  let passed: unknown;
  let deferred: StatementPart[] = [];
  // Queued ahead of the statement being made (or of the commit), not behind it.
  const sendDeferred = () => {
    if (deferred.length === 0) return;
    running.push(sendTogetherNow(tx, deferred).then(() => {}));
    deferred = [];
  };
  for (const item of group) {
    const owner = `The handler of delivery ${item.record.id}`;
    const view = sealableTransaction(tx, owner, sendDeferred);
    let sealed = false;
    let released = () => {};
    const sent = new Promise<void>((resolve) => {
      released = resolve;
    });
    const unsealed = (what: string) => {
      if (sealed) throw new Error(`${owner} ${what} after lastWritesSent`);
    };
    const handoff: Handoff = {
      received: passed,
      pass(value) {
        unsealed("passed something on");
        passed = value;
      },
      defer(parts) {
        unsealed("deferred writes");
        const all = [...deferred, ...parts];
        if (!mergeable(all)) return false;
        deferred = all;
        return true;
      },
    };
    passed = undefined;
    const done = Promise.resolve(
      item.handle?.(
        view.tx,
        () => {
          sealed = true;
          view.seal();
          released();
        },
        handoff,
      ),
    );
    running.push(done);
    try {
      await Promise.race([done, sent]);
    } catch {
      return;
    }
  }
  sendDeferred();
}
