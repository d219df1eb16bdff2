/** A clock that only moves when told to: `sleep` returns at once and advances time. */
export interface FakeClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Moves time forward, as if `ms` passed. */
  advance(ms: number): void;
  /** Every sleep asked for, in order. */
  sleeps: number[];
}

/** A fake clock starting at `startMs` (default 2025-01-01T00:00:00Z). */
export function createFakeClock(startMs = Date.UTC(2025, 0, 1)): FakeClock {
  let now = startMs;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
    sleeps,
  };
}
