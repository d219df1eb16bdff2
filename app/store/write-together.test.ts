import postgres from "postgres";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/helpers/database.js";
import {
  mergeable,
  part,
  ROWS,
  rowsPart,
  sendTogetherNow,
  writeTogether,
} from "./write-together.js";

let db: TestDatabase;
let sent: string[];
let sql: postgres.Sql;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.sql`CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL CHECK (body <> ''), meta jsonb)`;
  sent = [];
  sql = postgres(db.url, { max: 1, onnotice: () => {}, debug: (_c, query) => sent.push(query) });
});
afterAll(async () => {
  await sql.end();
  await db.drop();
});

const note = (id: number, body: string, name = "note") =>
  part(name)`INSERT INTO notes (id, body) VALUES (${id}, ${body})`;
const notes = () => db.sql`SELECT id, body, meta FROM notes ORDER BY id`;

it("sends its parts as one statement, each value in its own part's place", async () => {
  sent.length = 0;
  await sql.begin((tx) =>
    writeTogether(tx, [
      note(1, "first"),
      undefined,
      part("touched")`UPDATE notes SET body = ${"never"} WHERE id = ${99}`,
      part(
        "with_json",
      )`INSERT INTO notes (id, body, meta) VALUES (${2}, ${"second"}, ${tx.json({ a: [1, "x"] })})`,
    ]),
  );
  const statements = sent.filter((query) => query.startsWith("WITH"));
  expect(statements).toEqual([
    "WITH note AS (INSERT INTO notes (id, body) VALUES ($1, $2)), touched AS (UPDATE notes SET body = $3 WHERE id = $4), with_json AS (INSERT INTO notes (id, body, meta) VALUES ($5, $6, $7)) SELECT",
  ]);
  expect(await notes()).toEqual([
    { id: 1, body: "first", meta: null },
    { id: 2, body: "second", meta: { a: [1, "x"] } },
  ]);
});

it("writes nothing at all when one part fails", async () => {
  const failed = sql.begin((tx) => writeTogether(tx, [note(3, "third"), note(4, "", "empty")]));
  await expect(failed).rejects.toThrow(/notes_body_check/);
  expect((await notes()).map((row) => row.id)).toEqual([1, 2]);
});

it("lets a part read another's rows by its name", async () => {
  await sql.begin((tx) =>
    writeTogether(tx, [
      part("doomed")`SELECT id FROM notes WHERE body = ${"first"} FOR UPDATE`,
      part("renamed")`UPDATE notes SET body = ${"renamed"} FROM doomed WHERE notes.id = doomed.id`,
    ]),
  );
  expect((await notes()).map((row) => row.body)).toEqual(["renamed", "second"]);
});

it("builds a combination's text once and prepares it once per connection", async () => {
  sent.length = 0;
  for (const id of [10, 11, 12]) await sql.begin((tx) => writeTogether(tx, [note(id, `n${id}`)]));
  expect(new Set(sent.filter((query) => query.startsWith("WITH"))).size).toBe(1);
  const [prepared] = await sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pg_prepared_statements
    WHERE statement = 'WITH note AS (INSERT INTO notes (id, body) VALUES ($1, $2)) SELECT'`;
  expect(prepared?.n).toBe(1);
});

it("sends nothing for no parts", async () => {
  sent.length = 0;
  await sql.begin((tx) => writeTogether(tx, [undefined]));
  expect(sent.filter((query) => query.startsWith("WITH"))).toEqual([]);
});

/** Notes as a row part: one call site, so parts of it merge. */
const noteRows = (...rows: { id: number; body: string }[]) =>
  rowsPart("note_rows", rows)`
    INSERT INTO notes (id, body) SELECT id, body FROM jsonb_to_recordset(${ROWS}) AS note (id int, body text)`;

it("merges row parts of one call site into one insert of all their rows, in order", async () => {
  sent.length = 0;
  await sql.begin((tx) =>
    writeTogether(tx, [
      noteRows({ id: 20, body: "a" }),
      note(21, "b"),
      noteRows({ id: 22, body: "c" }, { id: 23, body: "d" }),
    ]),
  );
  expect(sent.filter((query) => query.startsWith("WITH"))).toEqual([
    "WITH note_rows AS (\n    INSERT INTO notes (id, body) SELECT id, body FROM jsonb_to_recordset($1) AS note (id int, body text)), note AS (INSERT INTO notes (id, body) VALUES ($2, $3)) SELECT",
  ]);
  const rows =
    await db.sql`SELECT id, body, cmin::text::int AS cmin FROM notes WHERE id >= 20 ORDER BY id`;
  expect(rows.map((row) => [row.id, row.body])).toEqual([
    [20, "a"],
    [21, "b"],
    [22, "c"],
    [23, "d"],
  ]);
  expect(new Set(rows.map((row) => row.cmin)).size).toBe(1);
});

it("refuses two parts of one name that are not row parts of one call site, sending nothing", async () => {
  const otherSite = rowsPart("note_rows", [{ id: 30, body: "x" }])`
    INSERT INTO notes (id, body) SELECT id, body FROM jsonb_to_recordset(${ROWS}) AS n (id int, body text)`;
  expect(mergeable([noteRows({ id: 30, body: "x" }), noteRows({ id: 31, body: "y" })])).toBe(true);
  expect(mergeable([note(30, "x"), note(31, "y")])).toBe(false);
  expect(mergeable([noteRows({ id: 30, body: "x" }), otherSite])).toBe(false);
  sent.length = 0;
  const refused = sql.begin((tx) => writeTogether(tx, [note(30, "x"), note(31, "y")]));
  await expect(refused).rejects.toThrow(
    'Two statement parts are named "note": only row parts of one call site merge',
  );
  expect(sent.filter((query) => query.startsWith("WITH"))).toEqual([]);
});

it("queues a statement sent now ahead of any made after it, even one sent at once", async () => {
  await sql.begin(async (tx) => {
    const now = sendTogetherNow(tx, [note(40, "now")]);
    // `.then` starts sending at once: an awaited send would queue its statement behind this one.
    const read = tx`SELECT count(*)::int AS n FROM notes WHERE id = 40`.then(([row]) => row?.n);
    await now;
    expect(await read).toBe(1);
  });
});
