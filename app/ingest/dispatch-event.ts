import type { EmitterWebhookEvent } from "@octokit/webhooks";
import type { Logger } from "pino";
import type { TransactionSql } from "postgres";
import { Context, ProbotOctokit } from "probot";
import type { InstallationOctokits } from "../github/installation-octokits.js";
import type { Handler } from "../handlers/define-handler.js";
import { handlersFor } from "../handlers/registry.js";
import type { Handoff } from "./group-commit.js";

/** Runs a delivery's handlers inside its transaction. */
export type DispatchEvent = (
  event: EmitterWebhookEvent,
  tx: TransactionSql,
  log: Logger,
  lastWritesSent: () => void,
  handoff: Handoff,
) => Promise<void>;

/** A handoff that received nothing and passes nothing on: writes cannot be left with it. */
const NO_HANDOFF: Handoff = {
  received: undefined,
  pass: () => {},
  defer: () => false,
};

/**
 * Hands a delivery to the handlers that want it, one after another (they share
 * the delivery's transaction), each with a Probot `Context`. Not
 * `probot.receive`: that builds an Octokit per event and cannot carry the
 * transaction; here the installation's Octokit is reused and the transaction is
 * passed beside the context. Only the last handler can say the delivery has sent
 * its last statement, and the handoff between deliveries is a lone handler's
 * (with two, what one received the other may have changed). When none of the
 * handlers calls GitHub (`callsGitHub`), the installation's Octokit is not
 * even looked up: they get one that refuses.
 */
export function createEventDispatcher(
  registry: readonly Handler[],
  octokits: InstallationOctokits,
): DispatchEvent {
  const offline = refusingOctokit();
  const markDelivery = deliveryMarker();
  return async (event, tx, log, lastWritesSent, handoff) => {
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
    const octokit = handlers.some((handler) => handler.callsGitHub)
      ? markDelivery(await octokits.get(installation.id), event.id)
      : offline;
    const context = new Context(event, octokit, log);
    const last = handlers.length - 1;
    for (const [index, handler] of handlers.entries()) {
      await handler.handle({
        context,
        tx,
        log,
        lastWritesSent: index === last ? lastWritesSent : () => {},
        handoff: last === 0 ? handoff : NO_HANDOFF,
      });
    }
  };
}

/**
 * Probot's `Context` marks GitHub requests with the delivery's id
 * (`x-github-delivery`, for GitHub Support), but adds that hook to an Octokit
 * once: built per event by Probot, reused per installation here, it would send
 * the first delivery's id forever. This hook runs after Probot's and puts the
 * current delivery's id back. An installation's deliveries are dispatched one
 * at a time (the group commit runs them in order; the next one starts once the
 * previous has finished or sent its last statement), so the current one is
 * the one calling.
 */
function deliveryMarker(): (octokit: ProbotOctokit, deliveryId: string) => ProbotOctokit {
  const current = new WeakMap<ProbotOctokit, string>();
  return (octokit, deliveryId) => {
    if (!current.has(octokit)) {
      // Registered before the first Context's hook, so it runs after it.
      octokit.hook.wrap("request", (request, options) => {
        const id = current.get(octokit);
        if (id !== undefined) options.headers["x-github-delivery"] = id;
        return request(options);
      });
    }
    current.set(octokit, deliveryId);
    return octokit;
  };
}

/** The Octokit of handlers declared not to call GitHub: a call is a bug, said so, never sent. */
function refusingOctokit(): ProbotOctokit {
  const octokit = new ProbotOctokit();
  octokit.hook.wrap("request", (_request, options) => {
    throw new Error(
      `A handler declared with callsGitHub: false called GitHub (${options.method} ${options.url}); declare it true`,
    );
  });
  return octokit;
}
