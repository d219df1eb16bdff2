import { randomBytes } from "node:crypto";
import postgres, { type Sql } from "postgres";
import { inject } from "vitest";
import { withDatabase } from "./with-database.js";

export interface TestDatabase {
  sql: Sql;
  url: string;
  drop(): Promise<void>;
}

/**
 * A database of its own for one test file: a clone of the migrated template,
 * or an empty one (`migrated: false`) for the migrator's own tests.
 */
export async function createTestDatabase({ migrated = true } = {}): Promise<TestDatabase> {
  const adminUrl = inject("postgresUrl");
  const name = `qp_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${migrated ? "qp_template" : "template0"}`);
  const url = withDatabase(adminUrl, name);
  const sql = postgres(url, { max: 5, onnotice: () => {} });
  return {
    sql,
    url,
    async drop() {
      await sql.end({ timeout: 1 });
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
