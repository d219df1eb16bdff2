import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

export interface Metrics {
  registry: Registry;
  webhooksReceived: Counter<"event" | "action" | "outcome">;
  webhookDuration: Histogram<"event" | "outcome">;
  outboxEffects: Counter<"kind" | "outcome">;
}

/** One registry per server, so tests and replicas in one process never share counters. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    webhooksReceived: new Counter({
      name: "quantapilot_webhooks_received_total",
      help: "Webhook deliveries received, by event, action and outcome (processed, duplicate, ignored, failed, rejected, unauthorized).",
      labelNames: ["event", "action", "outcome"],
      registers: [registry],
    }),
    webhookDuration: new Histogram({
      name: "quantapilot_webhook_handler_duration_seconds",
      help: "Time from a verified delivery to its committed outcome.",
      labelNames: ["event", "outcome"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    outboxEffects: new Counter({
      name: "quantapilot_outbox_effects_total",
      help: "Side effects performed by the outbox worker, by kind and outcome (done, retried, dead). Alert on dead.",
      labelNames: ["kind", "outcome"],
      registers: [registry],
    }),
  };
}
