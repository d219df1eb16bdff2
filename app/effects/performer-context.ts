import type { Logger } from "pino";
import type { Sql } from "postgres";
import type { ProbotOctokit } from "probot";
import type { Effect } from "../core/pipeline/effects.js";
import type { WorkItemRef } from "./work-item-ref.js";

/** What the app knows about itself that performers put into GitHub. */
export interface AppIdentity {
  /** The App's slug: check runs and comments are recognised by it. */
  slug: string;
  /** Where the action POSTs results: `<publicUrl>/api/stage-runs/<id>/result`. */
  publicUrl: string;
  /** The OIDC audience the action requests its token for. */
  audience: string;
}

/** Everything one performer gets: the installation's Octokit, the database, the work item. */
export interface PerformerContext {
  octokit: ProbotOctokit;
  sql: Sql;
  log: Logger;
  ref: WorkItemRef;
  app: AppIdentity;
  /**
   * False only on an effect's first claim, when no earlier attempt can have
   * made anything: performers then skip the "find it again" reads. Unset
   * (tests, callers outside the outbox) counts as a retry, the safe side.
   */
  retried?: boolean;
}

/**
 * Performs one pipeline effect on GitHub. Must be idempotent: the outbox may
 * run it again after a crash or a retry, so it finds what it made before
 * (by `external_id`, a hidden marker, a run name) instead of making it twice.
 */
export type EffectPerformer<T extends Effect = Effect> = (
  context: PerformerContext,
  effect: T,
) => Promise<void>;
