import type { EmitterWebhookEventName } from "@octokit/webhooks";
import type { Logger } from "pino";
import type { TransactionSql } from "postgres";
import type { Context, Probot } from "probot";
import type { DeliveryScopes } from "../ingest/delivery-scope.js";

export interface HandlerInput<E extends EmitterWebhookEventName> {
  context: Context<E>;
  /** The delivery's transaction: everything a handler writes commits with the delivery, or not at all. */
  tx: TransactionSql;
  log: Logger;
}

export interface Handler {
  events: readonly EmitterWebhookEventName[];
  register(app: Probot, scopes: DeliveryScopes): void;
}

/** A handler for some webhook events, typed by `@octokit/webhooks`' event names. */
export function defineHandler<E extends EmitterWebhookEventName>(
  events: E[],
  handle: (input: HandlerInput<E>) => Promise<void>,
): Handler {
  return {
    events,
    register(app, scopes) {
      app.on(events, async (context) => {
        const { tx, log } = scopes.current(context.payload);
        await handle({ context: context as Context<E>, tx, log });
      });
    },
  };
}
