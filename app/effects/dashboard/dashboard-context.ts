import type { Logger } from "pino";
import type { Sql } from "postgres";
import type { ProbotOctokit } from "probot";

/** What the dashboard performer works with: one project's repository and the app's token there. */
export interface DashboardContext {
  octokit: ProbotOctokit;
  sql: Sql;
  log: Logger;
  /** The App's slug: only issues it wrote count as its dashboard. */
  appSlug: string;
  projectId: number;
  owner: string;
  repo: string;
}
