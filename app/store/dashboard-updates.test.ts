import postgres, { type Sql } from "postgres";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/helpers/database.js";
import { queueDashboardUpdate } from "./dashboard-updates.js";

// Every transition queues (or joins) its project's dashboard redraw, so the statement must find
// the project's waiting row by the index, not read every project's: it is a prepared statement,
// and PostgreSQL switches to a generic plan after five runs.
let db: TestDatabase;
const PROJECTS = 200;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.sql`INSERT INTO installations (id, account_login, account_type) VALUES (1, 'acme', 'Organization')`;
  await db.sql`
    INSERT INTO projects (installation_id, repo_id, owner, name, status)
    SELECT 1, n, 'acme', 'r' || n, 'active' FROM generate_series(1, ${PROJECTS}) AS n`;
  // Each project's redraw waits for the rest of its burst.
  const projects = await db.sql<{ id: string }[]>`SELECT id FROM projects`;
  for (const project of projects) {
    await db.sql.begin((tx) =>
      queueDashboardUpdate(tx, { projectId: Number(project.id) }, "seed", { delayMs: 60_000 }),
    );
  }
});
afterAll(async () => db.drop());

/** Index entries read so far through the pending-dashboard index, as the statistics say. */
async function entriesRead(sql: Sql) {
  await sql`SELECT pg_stat_force_next_flush()`;
  await sql`SELECT pg_stat_clear_snapshot()`;
  const [row] = await sql<{ n: string }[]>`
    SELECT idx_tup_read::text AS n FROM pg_stat_user_indexes
    WHERE indexrelname = 'outbox_dashboard_pending_idx'`;
  return Number(row?.n);
}

it("joins a project's waiting redraw reading its own entry only, run after run", async () => {
  const [project] = await db.sql<
    { id: string }[]
  >`SELECT id FROM projects ORDER BY id DESC LIMIT 1`;
  // One connection: its statistics are flushed by the call above, and its statements prepared once.
  const sql = postgres(db.url, { max: 1, onnotice: () => {} });
  const reads: number[] = [];
  try {
    for (let run = 0; run < 8; run++) {
      const before = await entriesRead(sql);
      await sql.begin((tx) =>
        queueDashboardUpdate(tx, { projectId: Number(project?.id) }, `run-${run}`, {
          delayMs: 60_000,
        }),
      );
      reads.push((await entriesRead(sql)) - before);
    }
  } finally {
    await sql.end();
  }
  expect(Math.max(...reads)).toBeLessThanOrEqual(2);
  const waiting = await db.sql`SELECT 1 FROM outbox WHERE kind = 'update_dashboard'`;
  expect(waiting).toHaveLength(PROJECTS);
});

it("sends nothing when asked again in the same transaction for the same project, delay and force", async () => {
  const sent: string[] = [];
  const sql = postgres(db.url, {
    max: 1,
    onnotice: () => {},
    debug: (_connection, query) => sent.push(query),
  });
  // Two projects with no redraw waiting yet.
  const [a, b] = (
    await db.sql<{ id: string }[]>`
      INSERT INTO projects (installation_id, repo_id, owner, name, status)
      VALUES (1, 10001, 'acme', 'fresh-1', 'active'), (1, 10002, 'acme', 'fresh-2', 'active')
      RETURNING id`
  ).map((row) => Number(row.id));
  try {
    await sql.begin(async (tx) => {
      const ask = (projectId: number, cause: string, force: boolean) =>
        queueDashboardUpdate(tx, { projectId }, cause, { delayMs: 10_000, force });
      await ask(Number(a), "first", false);
      await ask(Number(a), "again", false);
      await ask(Number(a), "a person asked", true);
      await ask(Number(b), "another project", false);
    });
  } finally {
    await sql.end();
  }
  expect(sent.filter((query) => query.includes("update_dashboard"))).toHaveLength(3);
  // The ask that was skipped changed nothing the others did not: one row per project, forced.
  const rows = await db.sql`
    SELECT payload FROM outbox WHERE kind = 'update_dashboard'
      AND payload ->> 'projectId' = ANY(${[String(a), String(b)]})
    ORDER BY id`;
  expect(rows.map((row) => row.payload)).toEqual([
    { projectId: a, force: true },
    { projectId: b, force: false },
  ]);
});

it("reads only its installation's pending rows whichever index the generic plan picks", async () => {
  // A database of its own without the dedicated index: the plan is left with the
  // (installation_id, kind) index or a scan, as a plan built while the outbox was small had chosen.
  const own = await createTestDatabase();
  const sql = postgres(own.url, { max: 1, onnotice: () => {} });
  try {
    await own.sql`DROP INDEX outbox_dashboard_pending_idx`;
    await own.sql`INSERT INTO installations (id, account_login, account_type)
      VALUES (1, 'acme', 'Organization'), (2, 'busy', 'Organization')`;
    const [project] = await own.sql<{ id: string }[]>`
      INSERT INTO projects (installation_id, repo_id, owner, name, status)
      VALUES (1, 1, 'acme', 'app', 'active') RETURNING id`;
    const projectId = Number(project?.id);
    // Another installation's backlog: work no worker has taken yet, dashboards among it.
    await own.sql`
      INSERT INTO outbox (idempotency_key, kind, installation_id, payload)
      SELECT 'backlog:' || n, CASE WHEN n % 4 = 0 THEN 'update_dashboard' ELSE 'dispatch_stage' END, 2,
        jsonb_build_object('projectId', 100000 + n)
      FROM generate_series(1, 20000) AS n`;
    await own.sql`ANALYZE outbox`;
    const blocksRead = async () => {
      await sql`SELECT pg_stat_force_next_flush()`;
      await sql`SELECT pg_stat_clear_snapshot()`;
      const [row] = await sql<{ n: string }[]>`
        SELECT (heap_blks_read + heap_blks_hit + idx_blks_read + idx_blks_hit)::text AS n
        FROM pg_statio_user_tables WHERE relname = 'outbox'`;
      return Number(row?.n);
    };
    const reads: number[] = [];
    for (let run = 0; run < 8; run++) {
      const before = await blocksRead();
      await sql.begin((tx) =>
        queueDashboardUpdate(tx, { projectId }, `run-${run}`, { delayMs: 60_000 }),
      );
      reads.push((await blocksRead()) - before);
    }
    // The backlog fills hundreds of blocks; the ask reads the few its own row needs.
    expect(Math.max(...reads.slice(1))).toBeLessThan(20);
    const waiting = await own.sql`SELECT 1 FROM outbox WHERE installation_id = 1`;
    expect(waiting).toHaveLength(1);
  } finally {
    await sql.end();
    await own.drop();
  }
});
