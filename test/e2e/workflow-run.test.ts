import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AppWithProject, startAppWithProject } from "../helpers/app-with-project.js";
import type { TestDatabase } from "../helpers/database.js";
import { deliverWebhook } from "../helpers/deliver-webhook.js";
import type { TestServer } from "../helpers/test-server.js";

type Example = Record<string, unknown> & { workflow_run: Record<string, unknown> };
const runExample = examples
  .find((group) => group.name === "workflow_run")
  ?.examples.find((example) => (example as Example).workflow_run.path !== undefined) as Example;
const REPO_ID = 300029405;

describe("the stage workflow's runs", () => {
  let db: TestDatabase;
  let app: TestServer;
  let stageRunId = 0;

  /** GitHub's real `workflow_run` payload for our workflow, named after stage run `id`. */
  const workflowRun = (action: string, overrides: Record<string, unknown> = {}) => ({
    ...runExample,
    action,
    installation: { id: 80 },
    workflow_run: {
      ...runExample.workflow_run,
      id: 5550001,
      path: ".github/workflows/quantapilot.yml",
      event: "workflow_dispatch",
      display_title: `QuantaPilot stage run ${stageRunId}`,
      conclusion: action === "completed" ? "failure" : null,
      html_url: "https://github.com/o/r/actions/runs/5550001",
      ...overrides,
    },
  });

  let fixture: AppWithProject;
  beforeAll(async () => {
    fixture = await startAppWithProject({
      installationId: 80,
      account: "o",
      accountType: "Organization",
      repoId: REPO_ID,
      owner: "o",
      name: "r",
    });
    ({ db, app } = fixture);
  });
  beforeEach(async () => {
    await db.sql`TRUNCATE outbox, stage_runs, work_items CASCADE`;
    const [item] = await db.sql`
      INSERT INTO work_items (project_id, kind, issue_number, title, branch, stage, state, last_run_number)
      SELECT id, 'issue', 5, 'Add search', 'quantapilot/5-add-search', 'implement', 'running', 1 FROM projects
      RETURNING id`;
    const [run] = await db.sql`
      INSERT INTO stage_runs (work_item_id, run_number, stage, status, usd_cap)
      VALUES (${item?.id}, 1, 'implement', 'dispatched', 5) RETURNING id`;
    stageRunId = Number(run?.id);
  });
  afterAll(() => fixture.close());

  const run = async () => (await db.sql`SELECT status, workflow_run_id FROM stage_runs`)[0];
  const kinds = async () =>
    (await db.sql`SELECT kind FROM outbox ORDER BY id`).map((row) => row.kind);

  it("marks the stage run started when its workflow runs", async () => {
    await deliverWebhook(app.url, { event: "workflow_run", payload: workflowRun("in_progress") });
    expect(await run()).toEqual({ status: "in_progress", workflow_run_id: "5550001" });
    expect(await kinds()).toContain("start_check_run");
  });

  it("closes a run that ended without a result, saying why, for a person to act", async () => {
    await deliverWebhook(app.url, { event: "workflow_run", payload: workflowRun("completed") });
    expect((await run())?.status).toBe("failed");
    expect((await db.sql`SELECT state FROM work_items`)[0]?.state).toBe("waiting_for_human");
    const [complete] = await db.sql`SELECT payload FROM outbox WHERE kind = 'complete_check_run'`;
    expect(complete?.payload.effect.summary).toContain("actions/runs/5550001");
  });

  it("leaves alone a run whose result has arrived", async () => {
    await db.sql`UPDATE stage_runs SET result = '{}'`;
    await deliverWebhook(app.url, { event: "workflow_run", payload: workflowRun("completed") });
    expect((await run())?.status).toBe("dispatched");
  });

  it.each([
    ["another workflow file", { path: ".github/workflows/evil.yml" }],
    ["a push-triggered run", { event: "push" }],
    ["a run named after no stage run", { display_title: "QuantaPilot stage run 999999" }],
    ["a run with another name", { display_title: "Deploy" }],
  ])("ignores %s", async (_name, overrides) => {
    await deliverWebhook(app.url, {
      event: "workflow_run",
      payload: workflowRun("completed", overrides),
    });
    expect(await run()).toEqual({ status: "dispatched", workflow_run_id: null });
    expect(await kinds()).toEqual([]);
  });
});
