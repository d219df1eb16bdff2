import type { Logger } from "pino";
import type { TransactionSql } from "postgres";

/** What one delivery's handlers share: its transaction and its logger. */
export interface DeliveryScope {
  deliveryId: string;
  tx: TransactionSql;
  log: Logger;
}

export interface DeliveryScopes {
  /** Runs `fn` with `scope` reachable from the delivery's payload object. */
  run<T>(payload: object, scope: DeliveryScope, fn: () => Promise<T>): Promise<T>;
  /** The scope of the delivery whose payload object this is (Probot hands it on as `context.payload`). */
  current(payload: object): DeliveryScope;
}

/**
 * Probot calls handlers with its own Context, so the delivery's transaction
 * travels beside it, keyed by the payload object Probot passes through
 * untouched. Not AsyncLocalStorage: on Node 20 it puts a hook on every
 * promise in the process, which the ingest pays for on every await.
 */
export function createDeliveryScopes(): DeliveryScopes {
  const scopes = new WeakMap<object, DeliveryScope>();
  return {
    async run(payload, scope, fn) {
      scopes.set(payload, scope);
      try {
        return await fn();
      } finally {
        scopes.delete(payload);
      }
    },
    current(payload) {
      const scope = scopes.get(payload);
      if (!scope) {
        throw new Error(
          "A handler ran outside a delivery: events must come through the webhook ingest.",
        );
      }
      return scope;
    },
  };
}
