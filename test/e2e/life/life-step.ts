import { expect } from "vitest";
import { expectOutboxSettled, lastOutboxId, lines, outboxAfter } from "./expectations.js";
import type { SentRequest } from "./fake-github.js";
import type { Life } from "./life-bed.js";

/** What one step of the life did: the effects it queued and the GitHub requests they made. */
export interface StepOutcome {
  /** `kind:status` of every outbox row the step added, in order (all `done` by now). */
  queued: string[];
  requests: SentRequest[];
}

/** What may happen between a step's commit and its effects (a crash, a restart). */
export interface StepHooks {
  beforeWork?: () => Promise<unknown>;
}

/**
 * One step of the life: `act` (a webhook, a result, …), then the worker runs
 * until nothing is due. Every effect must be done, and the requests sent are
 * returned (installation tokens left out: Probot caches them per process).
 */
export async function lifeStep(
  life: Life,
  act: () => Promise<unknown>,
  { beforeWork }: StepHooks = {},
): Promise<StepOutcome> {
  const before = await lastOutboxId(life);
  await act();
  await beforeWork?.();
  await life.work();
  await expectOutboxSettled(life);
  const queued = await outboxAfter(life, before);
  const requests = life.github.take().filter((r) => !r.path.endsWith("/access_tokens"));
  return { queued, requests };
}

/** A step's requests are exactly `expected` (`METHOD /path`, in order). */
export function expectRequests(outcome: StepOutcome, expected: string[]): SentRequest[] {
  expect(lines(outcome.requests)).toEqual(expected);
  return outcome.requests;
}
