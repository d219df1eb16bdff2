import type { EmitterWebhookEvent } from "@octokit/webhooks";
import type { Logger } from "pino";
import type { Sql } from "postgres";
import type { Probot } from "probot";
import type { Metrics } from "../metrics.js";
import { type DeliveryRecord, recordFailedDelivery } from "../store/deliveries.js";
import type { DispatchEvent } from "./dispatch-event.js";
import { createGroupCommit, type GroupCommit } from "./group-commit.js";
import { parseWebhookJson } from "./parse-webhook-json.js";
import { PayloadError } from "./payload-error.js";

export type DeliveryOutcome =
  | "processed"
  | "duplicate"
  | "ignored"
  | "failed"
  | "rejected"
  | "unauthorized";

export interface DeliveryRequest {
  id: string | undefined;
  name: string | undefined;
  signature: string | undefined;
  body: string;
}

export interface DeliveryResponse {
  status: number;
  outcome: DeliveryOutcome;
  message: string;
}

export interface DeliveryReceiverDeps {
  sql: Sql;
  /** Checks signatures with the App's webhook secret. */
  probot: Probot;
  dispatch: DispatchEvent;
  handles(event: string, action: string | undefined): boolean;
  /** Called after a commit that queued effects: they are ready to perform. */
  onEffectsQueued?: () => void;
  metrics: Metrics;
  log: Logger;
}

/**
 * The webhook ingest: verify, parse, then either record the delivery as
 * ignored or run its handlers in one transaction that also marks it
 * processed. The answer is sent only after that transaction commits.
 */
export function createDeliveryReceiver(options: DeliveryReceiverDeps) {
  const commits = createGroupCommit(options.sql, {
    ...(options.onEffectsQueued && { onEffectsQueued: options.onEffectsQueued }),
  });
  const deps = { ...options, commits };
  return async function receiveDelivery(request: DeliveryRequest): Promise<DeliveryResponse> {
    const started = performance.now();
    const checked = await checkRequest(deps.probot, request);
    if ("status" in checked) {
      deps.metrics.webhooksReceived.inc({
        event: request.name ?? "",
        action: "",
        outcome: checked.outcome,
      });
      return checked;
    }
    const response = await dispatch(deps, checked);
    const { event, action } = checked;
    deps.metrics.webhooksReceived.inc({ event, action: action ?? "", outcome: response.outcome });
    deps.metrics.webhookDuration.observe(
      { event, outcome: response.outcome },
      (performance.now() - started) / 1000,
    );
    return response;
  };
}

interface CheckedDelivery extends DeliveryRecord {
  payload: Record<string, unknown>;
}

async function checkRequest(
  probot: Probot,
  { id, name, signature, body }: DeliveryRequest,
): Promise<CheckedDelivery | DeliveryResponse> {
  if (!id || !name || !signature) {
    const missing = [
      !id && "x-github-delivery",
      !name && "x-github-event",
      !signature && "x-hub-signature-256",
    ];
    return reply(
      400,
      "rejected",
      `Required headers missing: ${missing.filter(Boolean).join(", ")}`,
    );
  }
  if (body.length === 0) return reply(400, "rejected", "Body is empty");
  if (!(await verifySignature(probot, body, signature))) {
    return reply(401, "unauthorized", "Signature does not match the webhook secret");
  }
  let payload: unknown;
  try {
    payload = parseWebhookJson(body);
  } catch {
    return reply(
      400,
      "rejected",
      "Body is not JSON: set the webhook's content type to application/json",
    );
  }
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
    return reply(400, "rejected", "Body must be a JSON object");
  }
  return { id, event: name, payload: payload as Record<string, unknown>, ...describe(payload) };
}

async function verifySignature(probot: Probot, body: string, signature: string): Promise<boolean> {
  try {
    return await probot.webhooks.verify(body, signature);
  } catch {
    return false; // a malformed signature header is simply a wrong one
  }
}

type ReceiverContext = DeliveryReceiverDeps & { commits: GroupCommit };

async function dispatch(
  deps: ReceiverContext,
  delivery: CheckedDelivery,
): Promise<DeliveryResponse> {
  const bindings = {
    deliveryId: delivery.id,
    event: delivery.event,
    action: delivery.action,
    repo: delivery.repository,
    installationId: delivery.installationId,
  };
  const record: DeliveryRecord = {
    id: delivery.id,
    event: delivery.event,
    action: delivery.action,
    installationId: delivery.installationId,
    repository: delivery.repository,
  };
  const ignored = whyIgnored(deps, delivery);
  if (ignored) {
    await deps.commits.submit({ record });
    // No child logger for a line not written at info level.
    deps.log.debug(bindings, `Delivery ignored: ${ignored}`);
    return reply(200, "ignored", ignored);
  }
  const log = deps.log.child(bindings);
  try {
    const event = {
      id: delivery.id,
      name: delivery.event,
      payload: delivery.payload,
    } as EmitterWebhookEvent;
    const outcome = await deps.commits.submit({
      record,
      handle: (tx, lastWritesSent, handoff) =>
        deps.dispatch(event, tx, log, lastWritesSent, handoff),
    });
    if (outcome === "duplicate") return reply(200, "duplicate", "Already processed");
    log.info("Delivery processed");
    return reply(200, "processed", "Processed");
  } catch (error) {
    return fail(deps, record, log, error);
  }
}

function whyIgnored(deps: DeliveryReceiverDeps, delivery: CheckedDelivery): string | undefined {
  if (!deps.handles(delivery.event, delivery.action ?? undefined))
    return "No handler for this event";
  // A repository or organization webhook pointed at us, not the App's own: nothing to act for.
  if (delivery.installationId === null) return "Not sent for an installation of this App";
  return undefined;
}

async function fail(
  deps: DeliveryReceiverDeps,
  record: DeliveryRecord,
  log: Logger,
  error: unknown,
) {
  const cause = firstCause(error);
  log.error({ err: cause }, "Delivery failed; rolled back");
  await recordFailedDelivery(deps.sql, record, cause.message.slice(0, 2000));
  if (cause instanceof PayloadError) return reply(400, "rejected", cause.message);
  return reply(
    500,
    "failed",
    "Handler failed; nothing was changed. Redeliver it from the app's settings once fixed.",
  );
}

/** The cause a person can act on, also when it came wrapped in an AggregateError. */
function firstCause(error: unknown): Error {
  const inner = error instanceof AggregateError ? error.errors[0] : error;
  return inner instanceof Error ? inner : new Error(String(inner));
}

function describe(payload: object) {
  const p = payload as {
    action?: unknown;
    installation?: { id?: unknown };
    repository?: { full_name?: unknown };
  };
  return {
    action: typeof p.action === "string" ? p.action : null,
    installationId: typeof p.installation?.id === "number" ? p.installation.id : null,
    repository: typeof p.repository?.full_name === "string" ? p.repository.full_name : null,
  };
}

function reply(status: number, outcome: DeliveryOutcome, message: string): DeliveryResponse {
  return { status, outcome, message };
}
