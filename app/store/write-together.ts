import type { JSONValue, ParameterOrJSON, PendingQuery, Row, TransactionSql } from "postgres";

type Value = ParameterOrJSON<never>;

/** A data-modifying statement, named, to be sent as one part of a WITH with others. */
export interface StatementPart {
  /**
   * Its name in the WITH (other parts may read it by it): unique within the
   * statement, but for row parts of one call site, which are merged.
   */
  name: string;
  strings: readonly string[];
  values: readonly Value[];
  /** A row part's rows (see `rowsPart`): its one value, as a JSON array. */
  rows?: readonly JSONValue[];
}

/** Where a row part's statement takes its rows: `jsonb_to_recordset(${ROWS})`. */
export const ROWS: unique symbol = Symbol("the part's rows, as one JSON array");

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

/**
 * A part whose only value is its rows, as one JSON array:
 * `rowsPart("decision", rows)\`INSERT INTO decisions … SELECT … FROM jsonb_to_recordset(${ROWS}) …\``.
 * Parts of one call site with the same name sent together (e.g. by several
 * deliveries, see `Handoff.defer`) become one part with all their rows: one
 * insert, its relations opened, locked and planned once, not once per row.
 */
export function rowsPart(name: string, rows: readonly JSONValue[]) {
  return (strings: TemplateStringsArray, _rows: typeof ROWS): StatementPart => ({
    name,
    strings,
    values: [],
    rows,
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
  await together(tx, parts);
}

/**
 * `writeTogether`, but the statement is queued on the connection now, ahead
 * of any made after it, even those already made whose sending waits for
 * their `await`: for writes that must go out before the statement that
 * prompted them (`Handoff.defer`).
 */
export function sendTogetherNow(
  tx: TransactionSql,
  parts: readonly (StatementPart | undefined)[],
): Promise<unknown> {
  const query = together(tx, parts);
  return query ? Promise.resolve(query.execute()) : Promise.resolve();
}

function together(
  tx: TransactionSql,
  parts: readonly (StatementPart | undefined)[],
): PendingQuery<Row[]> | undefined {
  const present = merged(parts.filter((each) => each !== undefined));
  if (present.length === 0) return undefined;
  const key = present.map((each) => `${each.name}@${siteId(each.strings)}`).join(",");
  let text = texts.get(key);
  if (text === undefined) {
    text = compose(present);
    texts.set(key, text);
  }
  const values = present.flatMap((each) => (each.rows ? [tx.json(each.rows)] : each.values));
  return tx.unsafe(text, values as Value[], { prepare: true });
}

/** Whether `parts` can go out as one statement: names repeat only on row parts of one call site. */
export function mergeable(parts: readonly StatementPart[]): boolean {
  const byName = new Map<string, StatementPart>();
  for (const each of parts) {
    const earlier = byName.get(each.name);
    if (earlier && !sameRowPart(earlier, each)) return false;
    byName.set(each.name, each);
  }
  return true;
}

/** Row parts of one name and call site as one, in the order their rows came. */
function merged(parts: readonly StatementPart[]): StatementPart[] {
  const byName = new Map<string, { first: StatementPart; rows: JSONValue[] }>();
  for (const each of parts) {
    const earlier = byName.get(each.name);
    if (!earlier) byName.set(each.name, { first: each, rows: [...(each.rows ?? [])] });
    else if (sameRowPart(earlier.first, each)) earlier.rows.push(...(each.rows ?? []));
    else {
      throw new Error(
        `Two statement parts are named "${each.name}": only row parts of one call site merge`,
      );
    }
  }
  return [...byName.values()].map(({ first, rows }) => (first.rows ? { ...first, rows } : first));
}

function sameRowPart(a: StatementPart, b: StatementPart): boolean {
  return a.rows !== undefined && b.rows !== undefined && a.strings === b.strings;
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
