import type { Logger } from "pino";
import type { Sql } from "postgres";
import { backoffDelay } from "../core/backoff.js";
import { retryAfterMs } from "../github/retry-after-ms.js";
import type { Metrics } from "../metrics.js";
import {
  buryEffect,
  type ClaimedEffect,
  claimDueEffects,
  markEffectDone,
  renewLease,
  rescheduleEffect,
  startEffect,
} from "../store/outbox.js";

/** Performs one effect against the outside world. Must be idempotent: a retry may repeat it. */
export type Performer = (effect: ClaimedEffect, log: Logger) => Promise<void>;

/**
 * Thrown by a performer that was told when to come back (a `retry-after`).
 * `consumesAttempt: false` is waiting, not failing (a merge waiting for
 * required checks): it spends none of the effect's attempts, so a long wait
 * never dead-letters it; the performer bounds the wait itself.
 */
export class RetryLaterError extends Error {
  override name = "RetryLaterError";
  readonly consumesAttempt: boolean;
  constructor(
    message: string,
    readonly delayMs: number,
    { consumesAttempt = true }: { consumesAttempt?: boolean } = {},
  ) {
    super(message);
    this.consumesAttempt = consumesAttempt;
  }
}

export interface OutboxWorkerOptions {
  sql: Sql;
  performers: Readonly<Record<string, Performer>>;
  log: Logger;
  metrics: Metrics;
  /** Called once when an effect is dead-lettered, to tell a person what broke. */
  onDeadLetter?: (effect: ClaimedEffect, error: string) => Promise<void>;
  maxAttempts?: number;
  batchSize?: number;
  leaseMs?: number;
  pollMs?: number;
  random?: () => number;
}

export interface OutboxWorker {
  /** Performs what is due now; returns how many effects it took. */
  runOnce(): Promise<number>;
  start(): void;
  /** Wakes the loop early, e.g. right after a delivery enqueued effects. */
  poke(): void;
  stop(): Promise<void>;
}

/**
 * Runs effects after their transaction committed. Safe with several replicas:
 * rows are claimed with `FOR UPDATE SKIP LOCKED` and leased, so each is worked
 * by one worker at a time, and a crashed worker's lease simply runs out; an
 * effect being performed has its lease renewed until it settles. Each
 * effect is marked started right before its performer runs: a worker that
 * dies spends an attempt only of the effect it was performing, not of the
 * rest of its batch.
 */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { sql, log, pollMs = 1000 } = options;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let wake: (() => void) | undefined;
  // A poke that lands while a batch is being worked must not be lost until the next poll.
  let poked = false;

  const runOnce = async () => {
    const claimed = await claimDueEffects(sql, options.batchSize ?? 10, leaseMsOf(options));
    for (const effect of claimed) await performOne(options, effect);
    return claimed.length;
  };

  const loop = async () => {
    while (!stopped) {
      const taken = await runOnce().catch((error: unknown) => {
        log.error({ err: error }, "Outbox poll failed; retrying");
        return 0;
      });
      if (taken > 0 || poked) {
        poked = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, pollMs);
      });
      wake = undefined;
    }
  };

  return {
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      running = loop();
    },
    poke() {
      poked = true;
      wake?.();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      wake?.();
      await running;
    },
  };
}

const leaseMsOf = (options: OutboxWorkerOptions) => options.leaseMs ?? 5 * 60_000;
const maxAttemptsOf = (options: OutboxWorkerOptions) => options.maxAttempts ?? 8;

async function performOne(options: OutboxWorkerOptions, effect: ClaimedEffect): Promise<void> {
  const { sql, metrics } = options;
  const log = options.log.child({
    effectId: effect.id,
    kind: effect.kind,
    key: effect.idempotencyKey,
  });
  const perform = options.performers[effect.kind];
  if (perform && effect.interrupted) {
    const died = effect.attempts - 1;
    // A death is a failure GitHub did not ask to wait for: the last allowed attempt buries it,
    // so an effect that kills the worker every time cannot keep killing it.
    if (died - effect.waited >= maxAttemptsOf(options)) {
      return buryPoisonPill(options, effect, log, died);
    }
    log.warn({ attempts: effect.attempts }, "The previous attempt never finished; retrying");
  }
  // Outside the try: a start that could not be recorded spends nothing (the lease runs out unstarted).
  if (perform && !(await startEffect(sql, effect, leaseMsOf(options)))) {
    log.info("The lease ran out before the effect started; another claim holds it now");
    return;
  }
  try {
    if (!perform) throw new Error(`No performer for effect kind "${effect.kind}"`);
    const leased = keepLeased(options, effect, log);
    try {
      await perform(effect, log);
    } finally {
      leased.stop();
    }
    await markEffectDone(sql, effect.id);
    metrics.outboxEffects.inc({ kind: effect.kind, outcome: "done" });
  } catch (error) {
    await recordFailure(options, effect, log, error, perform !== undefined);
  }
}

/**
 * Renews `effect`'s lease every third of it until `stop` (see `renewLease`),
 * which is called as soon as the performer settles: a renewal answered after
 * its outcome was recorded would look like a lost lease.
 */
function keepLeased(options: OutboxWorkerOptions, effect: ClaimedEffect, log: Logger) {
  const leaseMs = leaseMsOf(options);
  let performing = true;
  const heartbeat = setInterval(() => {
    renewLease(options.sql, effect, leaseMs).then(
      (held) => {
        if (!held && performing) log.warn("Another claim took the effect while it was performed");
      },
      (error: unknown) => log.warn({ err: error }, "Could not renew the effect's lease"),
    );
  }, leaseMs / 3);
  heartbeat.unref();
  return {
    stop() {
      performing = false;
      clearInterval(heartbeat);
    },
  };
}

async function buryPoisonPill(
  options: OutboxWorkerOptions,
  claimed: ClaimedEffect,
  log: Logger,
  died: number,
): Promise<void> {
  const effect = { ...claimed, attempts: died };
  const message = `Attempt ${died} started and never finished: the app stopped while performing it (killed, out of memory or redeployed), so it is not started again.`;
  log.error({ attempts: died }, "Effect dead-lettered: its last attempt never finished");
  await buryEffect(options.sql, effect.id, message, { refundAttempt: true });
  await reportDead(options, effect, log, message);
}

async function reportDead(
  options: OutboxWorkerOptions,
  effect: ClaimedEffect,
  log: Logger,
  message: string,
): Promise<void> {
  options.metrics.outboxEffects.inc({ kind: effect.kind, outcome: "dead" });
  await options.onDeadLetter?.(effect, message).catch((hookError: unknown) => {
    log.error({ err: hookError }, "Could not report the dead-lettered effect");
  });
}

async function recordFailure(
  options: OutboxWorkerOptions,
  effect: ClaimedEffect,
  log: Logger,
  error: unknown,
  performable: boolean,
): Promise<void> {
  const { sql, metrics } = options;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RetryLaterError && !error.consumesAttempt) {
    log.info({ delayMs: error.delayMs, reason: message }, "Effect waits; no attempt spent");
    await rescheduleEffect(sql, effect.id, error.delayMs, message, { refundAttempt: true });
    metrics.outboxEffects.inc({ kind: effect.kind, outcome: "waiting" });
    return;
  }
  // GitHub asking us to wait (a rate limit's retry-after) is no sign the effect cannot be done:
  // it is retried when told, never dead-lettered for it. Its attempt stays counted, so the
  // next one still looks for what this one may have done first, but apart (`waited`), so
  // that it does not bring the effect nearer to being buried for a later failure.
  const githubSaysWait = retryAfterMs(error) !== undefined;
  const failed = effect.attempts - effect.waited;
  if (!performable || (failed >= maxAttemptsOf(options) && !githubSaysWait)) {
    log.error({ err: error, attempts: effect.attempts }, "Effect dead-lettered");
    await buryEffect(sql, effect.id, message);
    await reportDead(options, effect, log, message);
    return;
  }
  // GitHub's own `retry-after` (a secondary rate limit) is a floor: retrying sooner breaks its rules.
  const delayMs =
    error instanceof RetryLaterError
      ? error.delayMs
      : Math.max(
          backoffDelay(effect.attempts, options.random ? { random: options.random } : {}),
          retryAfterMs(error) ?? 0,
        );
  log.warn({ err: error, attempts: effect.attempts, delayMs }, "Effect failed; will retry");
  await rescheduleEffect(sql, effect.id, delayMs, message, { waited: githubSaysWait });
  metrics.outboxEffects.inc({ kind: effect.kind, outcome: "retried" });
}
