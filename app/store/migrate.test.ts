import { cp, mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/helpers/database.js";
import { appliedVersion, migrate } from "./migrate.js";
import { readMigrationFiles } from "./migration-files.js";

const MIGRATIONS = "db/migrations";

describe("migrate", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
  });
  afterAll(async () => db.drop());

  it("applies every migration to an empty database, then is a no-op", async () => {
    const files = await readMigrationFiles(MIGRATIONS);
    expect(await appliedVersion(db.sql)).toBe(0);
    const first = await migrate(db.sql, files);
    expect(first.applied).toEqual(files.map((file) => file.version));
    const tables = await db.sql<{ table_name: string }[]>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`;
    expect(tables.map((row) => row.table_name)).toEqual([
      "decisions",
      "deliveries",
      "installations",
      "llm_usage",
      "outbox",
      "projects",
      "quality_reports",
      "schema_migrations",
      "stage_runs",
      "work_items",
    ]);
    const second = await migrate(db.sql, files);
    expect(second.applied).toEqual([]);
    expect(await appliedVersion(db.sql)).toBe(files.length);
  });
});

describe("concurrent migrators", () => {
  it("both succeed and exactly one applies", async () => {
    const db = await createTestDatabase({ migrated: false });
    const files = await readMigrationFiles(MIGRATIONS);
    const a = postgres(db.url, { max: 1, onnotice: () => {} });
    const b = postgres(db.url, { max: 1, onnotice: () => {} });
    try {
      const outcomes = await Promise.all([migrate(a, files), migrate(b, files)]);
      const appliers = outcomes.filter((outcome) => outcome.applied.length > 0);
      expect(appliers).toHaveLength(1);
      expect(outcomes.every((outcome) => outcome.current === files.length)).toBe(true);
    } finally {
      await a.end();
      await b.end();
      await db.drop();
    }
  });
});

describe("refusals", () => {
  async function copyMigrations(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), "qp-migrations-"));
    await cp(MIGRATIONS, dir, { recursive: true });
    return dir;
  }

  // The number after the shipped migrations, however many there are by now ("0004").
  async function nextNumber(dir: string, skip = 0): Promise<string> {
    const shipped = (await readdir(dir)).filter((name) => name.endsWith(".sql")).length;
    return String(shipped + 1 + skip).padStart(4, "0");
  }

  it("refuses a gap in the numbering", async () => {
    const dir = await copyMigrations();
    const expected = await nextNumber(dir);
    await writeFile(join(dir, `${await nextNumber(dir, 1)}_skipped_one.sql`), "SELECT 1;");
    await expect(readMigrationFiles(dir)).rejects.toThrow(`should be number ${expected}`);
  });

  it("refuses a file that is not NNNN_name.sql", async () => {
    const dir = await copyMigrations();
    await writeFile(join(dir, "2_Bad Name.sql"), "SELECT 1;");
    await expect(readMigrationFiles(dir)).rejects.toThrow(/not named NNNN_snake_case.sql/);
  });

  it("refuses an edited migration and rolls back everything", async () => {
    const db = await createTestDatabase({ migrated: false });
    try {
      const dir = await copyMigrations();
      await migrate(db.sql, await readMigrationFiles(dir));
      await writeFile(join(dir, "0001_foundation.sql"), "SELECT 'edited';");
      await writeFile(
        join(dir, `${await nextNumber(dir)}_next.sql`),
        "CREATE TABLE should_not_exist (id int);",
      );
      await expect(migrate(db.sql, await readMigrationFiles(dir))).rejects.toThrow(
        /was edited after it was applied/,
      );
      const [row] = await db.sql`SELECT to_regclass('should_not_exist') AS t`;
      expect(row?.t).toBeNull();
    } finally {
      await db.drop();
    }
  });

  it("rolls back a failing migration as a whole", async () => {
    const db = await createTestDatabase({ migrated: false });
    try {
      const dir = await copyMigrations();
      await writeFile(
        join(dir, `${await nextNumber(dir)}_broken.sql`),
        "CREATE TABLE half (id int); SELECT * FROM missing_table;",
      );
      await expect(migrate(db.sql, await readMigrationFiles(dir))).rejects.toThrow(/missing_table/);
      expect(await appliedVersion(db.sql)).toBe(0);
      const [row] = await db.sql`SELECT to_regclass('installations') AS t`;
      expect(row?.t).toBeNull();
    } finally {
      await db.drop();
    }
  });
});
