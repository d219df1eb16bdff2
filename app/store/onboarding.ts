import type { Sql, TransactionSql } from "postgres";
import { ONBOARDING_SPACING_MS } from "../core/onboarding/onboarding-spacing.js";
import { noteEffectsQueued } from "./outbox.js";

/** Outbox kinds of a project's way in: the onboarding PR, then the kickoff check. */
export const OPEN_ONBOARDING_PR = "open_onboarding_pr";
export const CHECK_KICKOFF = "check_kickoff";

type Db = Sql | TransactionSql;

/**
 * Starts onboarding the repositories among `repoIds` that are new to us
 * (`pending`): each becomes `onboarding` and gets one `open_onboarding_pr`
 * effect. A project already onboarding or active is left alone, so a second
 * delivery about the same repository (installation.created, then
 * repository.created) queues nothing. The PRs are paced per installation:
 * the first at once or one spacing after the installation's last slot still
 * waiting (whichever is later), the rest one spacing apart (see
 * `ONBOARDING_SPACING_MS`). One statement, whose answer nothing else waits
 * for: the caller can send it with its other writes and move on.
 */
export async function startOnboarding(
  tx: TransactionSql,
  installationId: number,
  repoIds: readonly number[],
  deliveryId: string,
): Promise<number> {
  if (repoIds.length === 0) return 0;
  const [row] = await tx<{ started: number }[]>`
    WITH started AS (
      UPDATE projects SET status = 'onboarding', updated_at = now()
      WHERE repo_id = ANY(${repoIds as number[]}::bigint[]) AND status = 'pending'
      RETURNING id),
    first_slot AS (
      -- greatest() skips the NULL of an installation with no slot waiting.
      SELECT greatest(now(), max(run_after) + ${ONBOARDING_SPACING_MS} * interval '1 millisecond') AS at
      FROM outbox WHERE installation_id = ${installationId} AND kind = ${OPEN_ONBOARDING_PR} AND status = 'pending'),
    queued AS (
      INSERT INTO outbox (idempotency_key, kind, installation_id, payload, run_after)
      SELECT 'onboard:' || s.id || ':' || ${deliveryId}, ${OPEN_ONBOARDING_PR}, ${installationId},
        jsonb_build_object('projectId', s.id),
        f.at + (row_number() OVER (ORDER BY s.id) - 1) * ${ONBOARDING_SPACING_MS} * interval '1 millisecond'
      FROM started s, first_slot f
      ON CONFLICT (idempotency_key) DO NOTHING)
    SELECT count(*)::int AS started FROM started`;
  const started = row?.started ?? 0;
  if (started > 0) noteEffectsQueued(tx);
  return started;
}

export interface OnboardingProject {
  id: number;
  installationId: number;
  repoId: number;
  owner: string;
  name: string;
  defaultBranch: string | null;
  status: string;
  onboardingPr: number | null;
}

interface ProjectRow {
  id: string;
  installation_id: string;
  repo_id: string;
  owner: string;
  name: string;
  default_branch: string | null;
  status: string;
  onboarding_pr: number | null;
}

function toProject(row: ProjectRow): OnboardingProject {
  return {
    id: Number(row.id),
    installationId: Number(row.installation_id),
    repoId: Number(row.repo_id),
    owner: row.owner,
    name: row.name,
    defaultBranch: row.default_branch,
    status: row.status,
    onboardingPr: row.onboarding_pr,
  };
}

/** A project by id, as onboarding needs it. */
export async function readOnboardingProject(
  db: Db,
  projectId: number,
): Promise<OnboardingProject | undefined> {
  const [row] = await db<ProjectRow[]>`
    SELECT id, installation_id, repo_id, owner, name, default_branch, status, onboarding_pr
    FROM projects WHERE id = ${projectId}`;
  return row && toProject(row);
}

/** The live project of a repository, locked until the transaction ends. */
export async function lockProjectByRepoId(
  tx: TransactionSql,
  repoId: number,
): Promise<OnboardingProject | undefined> {
  const [row] = await tx<ProjectRow[]>`
    SELECT id, installation_id, repo_id, owner, name, default_branch, status, onboarding_pr
    FROM projects WHERE repo_id = ${repoId} AND status <> 'removed' FOR UPDATE`;
  return row && toProject(row);
}

/** Remembers the onboarding PR (and the default branch GitHub named), so its merge is recognised. */
export async function recordOnboardingPr(
  db: Db,
  projectId: number,
  prNumber: number,
  defaultBranch: string,
): Promise<void> {
  await db`
    UPDATE projects SET onboarding_pr = ${prNumber}, default_branch = ${defaultBranch}, updated_at = now()
    WHERE id = ${projectId}`;
}

/** The default branch GitHub named: installation payloads do not carry it. */
export async function recordDefaultBranch(
  db: Db,
  projectId: number,
  branch: string,
): Promise<void> {
  await db`UPDATE projects SET default_branch = ${branch}, updated_at = now() WHERE id = ${projectId}`;
}

/**
 * An onboarding project becomes active, and its kickoff check is queued in
 * the same transaction. False when it was not onboarding (already active,
 * removed meanwhile): nothing is queued then.
 */
export async function activateProject(
  tx: TransactionSql,
  project: Pick<OnboardingProject, "id" | "installationId">,
  causeKey: string,
): Promise<boolean> {
  const updated = await tx`
    UPDATE projects SET status = 'active', updated_at = now()
    WHERE id = ${project.id} AND status = 'onboarding' RETURNING id`;
  if (updated.length === 0) return false;
  noteEffectsQueued(tx);
  await tx`
    INSERT INTO outbox (idempotency_key, kind, installation_id, payload)
    VALUES (${`kickoff-check:${project.id}:${causeKey}`}, ${CHECK_KICKOFF}, ${project.installationId},
      ${tx.json({ projectId: project.id })})
    ON CONFLICT (idempotency_key) DO NOTHING`;
  return true;
}
