import type { TransactionSql } from "postgres";

/** How a view of a transaction (see `sealableTransaction`) names the transaction it shows. */
export const VIEWED_TRANSACTION = Symbol("the transaction this is a view of");

/** What statements already sent in a transaction did, as far as later ones need to know. */
export interface TransactionScope {
  /** An outbox row was queued: the commit should wake the outbox worker. */
  effectsQueued: boolean;
  /** Dashboard redraws already queued or joined, by project, delay and force. */
  dashboardRedraws: Set<string>;
}

const scopes = new WeakMap<TransactionSql, TransactionScope>();

/**
 * The scope of `tx`, shared by every view of it: the ingest hands each
 * delivery of a batch its own view of the batch's one transaction.
 */
export function transactionScope(tx: TransactionSql): TransactionScope {
  const transaction = (tx as { [VIEWED_TRANSACTION]?: TransactionSql })[VIEWED_TRANSACTION] ?? tx;
  let scope = scopes.get(transaction);
  if (!scope) {
    scope = { effectsQueued: false, dashboardRedraws: new Set() };
    scopes.set(transaction, scope);
  }
  return scope;
}
