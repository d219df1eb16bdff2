import type { EmitterWebhookEvent } from "@octokit/webhooks";
import type { Logger } from "pino";
import type { TransactionSql } from "postgres";
import { Context } from "probot";
import type { InstallationOctokits } from "../github/installation-octokits.js";
import type { Handler } from "../handlers/define-handler.js";
import { handlersFor } from "../handlers/registry.js";

/** Runs a delivery's handlers inside its transaction. */
export type DispatchEvent = (
  event: EmitterWebhookEvent,
  tx: TransactionSql,
  log: Logger,
  lastWritesSent: () => void,
) => Promise<void>;

/**
 * Hands a delivery to the handlers that want it, one after another (they share
 * the delivery's transaction), each with a Probot `Context`. Not
 * `probot.receive`: that builds an Octokit per event and cannot carry the
 * transaction; here the installation's Octokit is reused and the transaction is
 * passed beside the context. Only the last handler can say the delivery has sent
 * its last statement.
 */
export function createEventDispatcher(
  registry: readonly Handler[],
  octokits: InstallationOctokits,
): DispatchEvent {
  return async (event, tx, log, lastWritesSent) => {
    const { action, installation } = event.payload as {
      action?: unknown;
      installation?: { id?: unknown };
    };
    const handlers = handlersFor(
      registry,
      event.name,
      typeof action === "string" ? action : undefined,
    );
    if (handlers.length === 0) return;
    if (typeof installation?.id !== "number") {
      // The ingest records such deliveries as ignored before they get here.
      throw new Error(`${event.name} delivery ${event.id} was not sent for an installation`);
    }
    const context = new Context(event, await octokits.get(installation.id), log);
    const last = handlers.length - 1;
    for (const [index, handler] of handlers.entries()) {
      await handler.handle({
        context,
        tx,
        log,
        lastWritesSent: index === last ? lastWritesSent : () => {},
      });
    }
  };
}
