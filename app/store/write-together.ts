import type { ParameterOrJSON, TransactionSql } from "postgres";

type Value = ParameterOrJSON<never>;

/** A data-modifying statement, named, to be sent as one part of a WITH with others. */
export interface StatementPart {
  /** Its name in the WITH: unique within the statement (other parts may read it by it). */
  name: string;
  strings: readonly string[];
  values: readonly Value[];
}

/**
 * Writes a statement part: `part("decision")\`INSERT INTO decisions … VALUES (${id}, …)\``.
 * Values only (a `tx.json(…)` too), no fragments or helpers: the text of a
 * statement made of parts is then the same every time and built once.
 */
export function part(name: string) {
  return (strings: TemplateStringsArray, ...values: Value[]): StatementPart => ({
    name,
    strings,
    values,
  });
}

/** Each call site's strings (a template's strings are one object per call site) by a number. */
const siteIds = new WeakMap<readonly string[], number>();
let sites = 0;
/** Statement texts by the call sites and names of their parts: a few dozen, built once each. */
const texts = new Map<string, string>();

/**
 * Sends data-modifying statements as one: PostgreSQL then binds, plans and
 * starts one executor instead of one per statement, and the client sends
 * and reads one (a prepared statement, its text built once per combination
 * of parts). Every part runs to completion and sees the snapshot taken
 * before the statement, not the other parts' writes (unless it reads their
 * RETURNING by name), in no set order; foreign keys and AFTER triggers are
 * checked once all parts are done. So a part must not depend on another's
 * effect on a table, e.g. a run closed and the next one opened under the
 * one-open-run index. Parts left undefined (nothing to write) are skipped.
 */
export async function writeTogether(
  tx: TransactionSql,
  parts: readonly (StatementPart | undefined)[],
): Promise<void> {
  const present = parts.filter((each) => each !== undefined);
  if (present.length === 0) return;
  const key = present.map((each) => `${each.name}@${siteId(each.strings)}`).join(",");
  let text = texts.get(key);
  if (text === undefined) {
    text = compose(present);
    texts.set(key, text);
  }
  await tx.unsafe(
    text,
    present.flatMap((each) => each.values),
    { prepare: true },
  );
}

function siteId(strings: readonly string[]): number {
  let id = siteIds.get(strings);
  if (id === undefined) {
    id = sites++;
    siteIds.set(strings, id);
  }
  return id;
}

function compose(parts: readonly StatementPart[]): string {
  let placeholder = 0;
  const clauses = parts.map(({ name, strings }) => {
    const body = strings.reduce((text, next) => `${text}$${++placeholder}${next}`);
    return `${name} AS (${body})`;
  });
  return `WITH ${clauses.join(", ")} SELECT`;
}
