import { type LoadRun, runLoad } from "./load.js";
import type { SignedPayload } from "./payload.js";

export type IdFor = (phase: string, index: number) => string;
export type PayloadFor = (phase: string, index: number) => SignedPayload;
/** Sends `requests` deliveries; `phase` keeps the delivery ids of different phases apart. */
export type SendFn = (phase: string, requests: number) => Promise<LoadRun>;

export interface Target {
  port: number;
  /** Sent unless `payloadFor` picks another. */
  payload: SignedPayload;
  concurrency: number;
  budgetMs: number;
}

export const WEBHOOK_PATH = "/api/github/webhooks";

/** Signed deliveries to one server, as GitHub sends them: ids from `idFor`, bodies from `payloadFor`. */
export function sender(target: Target, idFor: IdFor, payloadFor?: PayloadFor): SendFn {
  const { port, concurrency, budgetMs } = target;
  return (phase, requests) =>
    runLoad({
      port,
      path: WEBHOOK_PATH,
      requests,
      concurrency,
      budgetMs,
      requestFor: (index) => {
        const payload = payloadFor?.(phase, index) ?? target.payload;
        return { headers: deliveryHeaders(payload, idFor(phase, index)), body: payload.body };
      },
    });
}

function deliveryHeaders(payload: SignedPayload, id: string): Record<string, string> {
  return {
    "content-type": "application/json",
    "user-agent": "GitHub-Hookshot/bench",
    "x-github-event": payload.event,
    "x-github-delivery": id,
    "x-hub-signature-256": payload.signature,
  };
}
