import type { TransactionSql } from "postgres";
import { VIEWED_TRANSACTION } from "../store/transaction-scope.js";

export interface SealableTransaction {
  /** The transaction, as long as it is not sealed. */
  tx: TransactionSql;
  /** From now on, sending a statement through `tx` throws. */
  seal(): void;
}

/** What sends a statement: calling the tag itself, or one of these. */
const SENDING_METHODS = new Set<PropertyKey>(["unsafe", "file", "savepoint"]);

/**
 * A batch's transaction as one delivery's handlers see it. Once the delivery
 * says it has sent its last statement, the next delivery's statements may
 * already be queued behind it on the connection; a late one would run after
 * them, out of order, so it throws instead. `beforeStatement` runs as each
 * statement is made, before it: what must go out ahead of it can still.
 */
export function sealableTransaction(
  tx: TransactionSql,
  owner: string,
  beforeStatement: () => void = () => {},
): SealableTransaction {
  let sealed = false;
  const check = () => {
    if (sealed) {
      throw new Error(
        `${owner} sent a statement after saying it had sent its last one (lastWritesSent)`,
      );
    }
    beforeStatement();
  };
  const guarded = new Proxy(tx, {
    apply(target, thisArg, args) {
      check();
      return Reflect.apply(target, thisArg, args);
    },
    get(target, property) {
      if (property === VIEWED_TRANSACTION) return target;
      const value: unknown = Reflect.get(target, property);
      if (!SENDING_METHODS.has(property) || typeof value !== "function") return value;
      return (...args: unknown[]) => {
        check();
        return Reflect.apply(value, target, args);
      };
    },
  });
  return {
    tx: guarded,
    seal: () => {
      sealed = true;
    },
  };
}
