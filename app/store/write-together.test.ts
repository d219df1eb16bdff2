import postgres from "postgres";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/helpers/database.js";
import { part, writeTogether } from "./write-together.js";

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
