import postgres from "postgres";
import { signBody } from "../test/helpers/deliver-webhook.js";
import { example, type SignedPayload } from "./payload.js";

/** An active project the stage-label cases label issues in. */
export interface LabelProject {
  installationId: number;
  repoId: number;
  owner: string;
  name: string;
}

/**
 * Room for every label of a run to start its stage (the default $50 project
 * budget holds ten $5 runs; past them a label only notifies that it is spent).
 */
const ROOMY_BUDGET = { budgets: { project: { usd: 1_000_000 } } };

/** Who labels: the local GitHub says this user may write to every repository. */
export const LABELLER = "bench-writer";
const STAGE_LABEL = "quantapilot:implement";

/**
 * Active projects, one per installation, as onboarding leaves them (default
 * configuration but the budget): a stage label on one of their issues starts
 * a work item and its first stage run.
 */
export async function seedActiveProjects(
  databaseUrl: string,
  count: number,
): Promise<LabelProject[]> {
  const projects = Array.from({ length: count }, (_, i) => ({
    installationId: 700_000 + i,
    repoId: 800_000 + i,
    owner: "bench",
    name: `repo-${i}`,
  }));
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    for (const project of projects) {
      await sql`INSERT INTO installations (id, account_login, account_type)
        VALUES (${project.installationId}, ${project.owner}, 'Organization')`;
      await sql`INSERT INTO projects (installation_id, repo_id, owner, name, default_branch, status, config)
        VALUES (${project.installationId}, ${project.repoId}, ${project.owner}, ${project.name}, 'main',
          'active', ${sql.json(ROOMY_BUDGET)})`;
    }
  } finally {
    await sql.end();
  }
  return projects;
}

/**
 * GitHub's own `issues.labeled` example, moved into `project`, labelled with
 * the implement stage's label on issue `issueNumber`, and signed: each one
 * starts its own work item (a transition and its outbox rows).
 */
export function stageLabelled(
  secret: string,
  project: LabelProject,
  issueNumber: number,
): SignedPayload {
  const example = structuredClone(exampleIssuesLabeled());
  example.installation = { id: project.installationId };
  Object.assign(example.repository, {
    id: project.repoId,
    name: project.name,
    full_name: `${project.owner}/${project.name}`,
  });
  Object.assign(example.repository.owner, { login: project.owner });
  Object.assign(example.issue, { number: issueNumber, title: `Bench issue ${issueNumber}` });
  delete example.issue.pull_request;
  Object.assign(example.label, { name: STAGE_LABEL });
  Object.assign(example.sender, { login: LABELLER, type: "User" });
  const body = JSON.stringify(example);
  return { event: "issues", body, signature: signBody(body, secret) };
}

interface IssuesLabeledExample {
  installation?: { id: number };
  repository: { id: number; name: string; full_name: string; owner: { login: string } };
  issue: { number: number; title: string; pull_request?: unknown };
  label: { name: string };
  sender: { login: string; type: string };
}

function exampleIssuesLabeled(): IssuesLabeledExample {
  return example("issues", "labeled") as unknown as IssuesLabeledExample;
}
