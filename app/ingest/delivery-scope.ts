import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "pino";
import type { TransactionSql } from "postgres";

/** What one delivery's handlers share: its transaction and its logger. */
export interface DeliveryScope {
  deliveryId: string;
  tx: TransactionSql;
  log: Logger;
}

export interface DeliveryScopes {
  run<T>(scope: DeliveryScope, fn: () => Promise<T>): Promise<T>;
  current(): DeliveryScope;
}

/**
 * Probot calls handlers with its own Context, so the delivery's transaction
 * travels beside it: the ingest opens the scope, the handler wrapper reads it.
 */
export function createDeliveryScopes(): DeliveryScopes {
  const storage = new AsyncLocalStorage<DeliveryScope>();
  return {
    run: (scope, fn) => storage.run(scope, fn),
    current() {
      const scope = storage.getStore();
      if (!scope) {
        throw new Error(
          "A handler ran outside a delivery: events must come through the webhook ingest.",
        );
      }
      return scope;
    },
  };
}
