import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { migrate } from "../app/store/migrate.js";
import { readMigrationFiles } from "../app/store/migration-files.js";
import { startThrowawayPostgres } from "./helpers/throwaway-postgres.js";
import { withDatabase } from "./helpers/with-database.js";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/**
 * One PostgreSQL for the run: TEST_DATABASE_URL when CI provides a server,
 * else a throwaway cluster. A migrated template database lets every test
 * file clone its own isolated database in milliseconds.
 */
export default async function setup(project: TestProject) {
  const provided = process.env.TEST_DATABASE_URL;
  const cluster = provided ? undefined : await startThrowawayPostgres();
  const url = provided ?? cluster?.url ?? "";
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe("DROP DATABASE IF EXISTS qp_template WITH (FORCE)");
  await admin.unsafe("CREATE DATABASE qp_template");
  const template = postgres(withDatabase(url, "qp_template"), { max: 1, onnotice: () => {} });
  await migrate(template, await readMigrationFiles("db/migrations"));
  await template.end();
  await admin.end();
  project.provide("postgresUrl", url);
  return () => cluster?.stop();
}
