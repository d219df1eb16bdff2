import type { EmitterWebhookEventName } from "@octokit/webhooks";
import type { Logger } from "pino";
import type { TransactionSql } from "postgres";
import type { Context } from "probot";
import type { Handoff } from "../ingest/group-commit.js";

export interface HandlerInput<E extends EmitterWebhookEventName> {
  context: Context<E>;
  /** The delivery's transaction: everything a handler writes commits with the delivery, or not at all. */
  tx: TransactionSql;
  log: Logger;
  /**
   * Call right after sending the last statement, before awaiting it: the
   * installation's next delivery then starts at once, its statements queued
   * behind these (PostgreSQL runs them in order, so it still sees every write
   * of this one). Past it, `tx` throws on any statement. Not calling it is
   * always safe: the next delivery then waits for this handler to finish.
   */
  lastWritesSent(): void;
  /**
   * What the installation's previous delivery in this transaction passed on,
   * and where to leave something for the next one (before `lastWritesSent`).
   */
  handoff: Handoff;
}

export interface Handler {
  events: readonly EmitterWebhookEventName[];
  /**
   * Whether the handler may use `context.octokit`. A delivery whose handlers
   * all say no is dispatched without its installation's Octokit being built
   * (an installation seen for the first time, or again after the cache let
   * it go, would otherwise build one for nothing); their `context.octokit`
   * then refuses every request.
   */
  callsGitHub: boolean;
  /** Runs for a delivery whose event (or `event.action`) is one of `events`. */
  handle(input: HandlerInput<EmitterWebhookEventName>): Promise<void>;
}

/** A handler for some webhook events, typed by `@octokit/webhooks`' event names. */
export function defineHandler<E extends EmitterWebhookEventName>(
  events: E[],
  handle: (input: HandlerInput<E>) => Promise<void>,
  { callsGitHub = true }: { callsGitHub?: boolean } = {},
): Handler {
  return {
    events,
    callsGitHub,
    // The dispatcher only calls a handler for one of its events, so the context is a Context<E>.
    handle: (input) => handle(input as unknown as HandlerInput<E>),
  };
}
