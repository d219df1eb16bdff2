import { setTimeout as delay } from "node:timers/promises";

/** Time as the LLM layer sees it; tests pass a fake so backoff and cooldowns take no time. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Waits `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => delay(ms).then(() => undefined),
};
