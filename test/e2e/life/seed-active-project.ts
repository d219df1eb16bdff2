import type { Life } from "./life-bed.js";
import { LIFE_INSTALLATION, LIFE_REPOSITORY } from "./webhook-payloads.js";

/** The life's repository as an active project (onboarded, with the default config). */
export async function seedActiveProject(life: Life): Promise<void> {
  const { id, name, owner } = LIFE_REPOSITORY;
  await life.db.sql`INSERT INTO installations (id, account_login, account_type)
    VALUES (${LIFE_INSTALLATION.id}, ${owner.login}, 'Organization')`;
  await life.db.sql`
    INSERT INTO projects (installation_id, repo_id, owner, name, default_branch, status)
    VALUES (${LIFE_INSTALLATION.id}, ${id}, ${owner.login}, ${name}, 'main', 'active')`;
}
