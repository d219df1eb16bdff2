import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { describeBranchNameProblem } from "../../contract/stage-spec/branch-name.js";
import { aStageResult } from "../fixtures/stage-result.js";
import { deliverWebhook } from "../helpers/deliver-webhook.js";
import type { GitHubNock } from "../helpers/github-nock.js";
import { seedStageRun } from "../helpers/seed-stage-run.js";
import { addedRows, snapshotDatabase } from "./hostile/database-snapshot.js";
import { COMMAND_CASES, CONFIG_CASES, TITLE_CASES } from "./hostile/event-cases.js";
import { expectRunRefused } from "./hostile/expect-run-refused.js";
import { configPushPayload, labeledPayload } from "./hostile/github-events.js";
import { HostileTally } from "./hostile/hostile-tally.js";
import {
  type HostileWorld,
  type OpenRun,
  openStageRun,
  PROJECT_CONFIG,
  REPO_PATH,
  startHostileWorld,
  WORKFLOW_RUN,
  writesTo,
} from "./hostile/hostile-world.js";
import {
  GITHUB_TOKEN,
  INJECTION_CASES,
  RESULT_CASES,
  type ResultContext,
  type ResultReply,
} from "./hostile/result-cases.js";
import { TOKEN_CASES } from "./hostile/token-cases.js";
import { WEBHOOK_CASES } from "./hostile/webhook-cases.js";
import { recordFigures } from "./record-figures.js";

/**
 * The catalogue of hostile input (issue #7, items 4 and 5), end to end
 * through the real server: each input is refused or neutralised, nothing is
 * written that should not be (every table compared before and after), GitHub
 * is asked nothing it should not be, and the answer says why. Its figures
 * go to the README's "Reliability" section.
 */
let world: HostileWorld;
const tally = new HostileTally();
/** Every bearer token sent, valid or forged: none may reach a log line. */
const bearers: string[] = [];
const remember = (header: string | null) => {
  if (header?.startsWith("Bearer ")) bearers.push(header.slice("Bearer ".length));
  return header;
};

beforeAll(async () => {
  world = await startHostileWorld();
});
afterAll(async () => {
  await recordFigures("hostile", tally.figures());
  await world?.close();
});

/** Sends through `send`, then asserts every table is as it was and GitHub saw nothing from the app. */
async function expectNothingWritten<T>(github: GitHubNock, send: () => Promise<T>): Promise<T> {
  const before = await snapshotDatabase(world.db.sql);
  const answer = await send();
  expect(await snapshotDatabase(world.db.sql)).toEqual(before);
  expect(writesTo(github)).toEqual([]);
  expect(world.unmatched).toEqual([]);
  return answer;
}

function resultContext(run: OpenRun): ResultContext {
  const context: ResultContext = {
    world,
    run,
    async post(body, { header, id = context.run.stageRunId } = {}): Promise<ResultReply> {
      const authorization = remember(header ?? `Bearer ${await world.issuer.mint()}`) ?? "";
      const response = await fetch(`${world.app.url}/api/stage-runs/${id}/result`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
  };
  return context;
}

describe("hostile webhook deliveries are refused and write nothing", () => {
  it.each(WEBHOOK_CASES.map((c) => [c.name, c] as const))("%s", (_name, hostile) =>
    tally.count(hostile.kind, async () => {
      const { github } = await openStageRun(world);
      const before = await snapshotDatabase(world.db.sql);
      const reply = await hostile.send(world.app.url);
      expect(reply.status).toBe(hostile.status);
      expect(reply.body.message ?? reply.body.error).toMatch(hostile.message);
      const after = await snapshotDatabase(world.db.sql);
      const deliveries = after.deliveries ?? [];
      if (hostile.keepsDelivery) {
        expect(deliveries.map((row) => JSON.parse(row).status)).toEqual([hostile.keepsDelivery]);
        after.deliveries = before.deliveries ?? [];
      }
      expect(after).toEqual(before);
      expect(github.requests()).toEqual([]);
      expect(world.unmatched).toEqual([]);
      // The __proto__ key stayed data: no object in the server's process gained a property.
      expect(Object.prototype).not.toHaveProperty("isAdmin");
    }),
  );
});

describe("result tokens that are not the dispatched run's are refused before the body is read", () => {
  it.each(TOKEN_CASES.map((c) => [c.name, c] as const))("%s", (_name, hostile) =>
    tally.count("oidc-token", async () => {
      const run = await openStageRun(world);
      const header = remember(await hostile.header(world.issuer));
      const reply = await expectNothingWritten(run.github, () =>
        fetch(`${world.app.url}/api/stage-runs/${run.stageRunId}/result`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(header !== null && { authorization: header }),
          },
          body: JSON.stringify({ stage_run_id: run.stageRunId }),
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as { error?: string } })),
      );
      expect(reply.status).toBe(hostile.status);
      expect(reply.body.error).toMatch(hostile.message);
    }),
  );
});

describe("stage results the app must not write are refused, and the check run says why", () => {
  const cases = [...RESULT_CASES, ...INJECTION_CASES];
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, hostile) =>
    tally.count(hostile.kind, async () => {
      const run = await openStageRun(world);
      const context = resultContext(run);
      await hostile.prepare?.(context);
      if (hostile.closesRun) {
        const reply = await hostile.send(context);
        expect(reply).toMatchObject({ status: 422, body: { status: "refused" } });
        expect((reply.body.reasons as string[]).join("\n")).toMatch(hostile.message);
        await expectRunRefused(world, run, hostile.message);
        return;
      }
      const reply = await expectNothingWritten(run.github, () => hostile.send(context));
      expect(reply.status).toBe(hostile.status);
      expect(JSON.stringify(reply.body)).toMatch(hostile.message);
    }),
  );
});

describe("a used token replayed", () => {
  it("for the same run, after its result was taken: 409, nothing written", () =>
    tally.count("replay", async () => {
      const run = await openStageRun(world);
      const context = resultContext(run);
      const header = `Bearer ${await world.issuer.mint()}`;
      const body = aStageResult({
        stage_run_id: run.stageRunId,
        outcome: "no_changes",
        changes: [],
      });
      expect((await context.post(body, { header })).status).toBe(202);
      const reply = await expectNothingWritten(run.github, () => context.post(body, { header }));
      expect(reply).toMatchObject({
        status: 409,
        body: { error: expect.stringMatching(/already has a result|takes no more/) },
      });
    }));

  it("for another open run of the same repository: 403, nothing written", () =>
    tally.count("replay", async () => {
      const run = await openStageRun(world);
      const context = resultContext(run);
      const header = `Bearer ${await world.issuer.mint()}`;
      const other = await seedStageRun(world.db.sql, {
        issueNumber: 13,
        branch: "quantapilot/13-other",
      });
      await world.db
        .sql`UPDATE stage_runs SET status = 'in_progress', workflow_run_id = ${WORKFLOW_RUN + 1},
        started_at = now() WHERE id = ${other.stageRunId}`;
      const body = aStageResult({ stage_run_id: other.stageRunId });
      const reply = await expectNothingWritten(run.github, () =>
        context.post(body, { header, id: other.stageRunId }),
      );
      expect(reply).toMatchObject({ status: 403, body: { error: expect.stringMatching(/run/) } });
    }));
});

describe("commands that must change nothing: ignored, or refused with a reply", () => {
  it.each(COMMAND_CASES.map((c) => [c.name, c] as const))("%s", (_name, hostile) =>
    tally.count("command", async () => {
      const { github } = await openStageRun(world);
      if (hostile.permission) {
        const { login, level } = hostile.permission;
        github
          .get(`${REPO_PATH}/collaborators/${login}/permission`)
          .reply(200, { permission: level === "triage" ? "read" : level, role_name: level });
      }
      const before = await snapshotDatabase(world.db.sql);
      const reply = await deliverWebhook(world.app.url, {
        event: hostile.event,
        payload: hostile.payload(),
      });
      expect(reply.status).toBe(200);
      const rows = addedRows(before, await snapshotDatabase(world.db.sql));
      const { deliveries, outbox = [], ...others } = rows;
      expect(deliveries?.map((row) => row.status)).toEqual(["processed"]);
      // No state changed: no decision, no run, no work item; at most the reply is queued.
      expect(others).toEqual({});
      const replies = outbox.map(
        (row) => row.payload as { body?: string; effect?: { body?: string } },
      );
      if (hostile.reply === undefined) expect(outbox).toEqual([]);
      else {
        expect(outbox.map((row) => row.kind)).toEqual(["post_comment"]);
        expect(replies[0]?.body ?? replies[0]?.effect?.body).toMatch(hostile.reply);
      }
      github.expectDone();
      expect(writesTo(github)).toEqual([]);
      expect(world.unmatched).toEqual([]);
    }),
  );
});

describe("issue titles built to inject shell, path or ref syntax make plain branch names", () => {
  it.each(TITLE_CASES.map((title, i) => [JSON.stringify(title.slice(0, 60)), title, i] as const))(
    "%s",
    (_name, title, i) =>
      tally.count("title", async () => {
        const { github } = await openStageRun(world);
        const login = `writer-${i}`;
        github
          .get(`${REPO_PATH}/collaborators/${login}/permission`)
          .reply(200, { permission: "write", role_name: "write" });
        const number = 100 + i;
        const reply = await deliverWebhook(world.app.url, {
          event: "issues",
          payload: labeledPayload(number, title, login),
        });
        expect(reply.body.outcome).toBe("processed");
        const [item] = await world.db
          .sql`SELECT title, branch FROM work_items WHERE issue_number = ${number}`;
        // The title is kept as data (a NUL, which Postgres cannot store, as U+FFFD); only [a-z0-9-] reaches the branch.
        expect(item?.title).toBe(title.replaceAll("\u0000", "\uFFFD"));
        expect(item?.branch).toMatch(new RegExp(`^quantapilot/${number}(-[a-z0-9]+)*$`));
        expect(describeBranchNameProblem(String(item?.branch))).toBeUndefined();
        github.expectDone();
        expect(writesTo(github)).toEqual([]);
        expect(world.unmatched).toEqual([]);
      }),
  );
});

describe("an invalid or hostile config pushed to the default branch", () => {
  it.each(CONFIG_CASES.map((c, i) => [c.name, c, i] as const))("%s", (_name, hostile, i) =>
    tally.count("config", async () => {
      const { github } = await openStageRun(world);
      const after = (i + 1).toString(16).padStart(40, "c");
      github
        .get(`${REPO_PATH}/contents/.github%2Fquantapilot.yml`)
        .query(true)
        .times(2)
        .optionally()
        .reply(200, hostile.yaml, { "content-type": "text/plain" });
      const reply = await deliverWebhook(world.app.url, {
        event: "push",
        payload: configPushPayload(after),
      });
      expect(reply.body.outcome).toBe("processed");
      // The last good config stays in use.
      const [project] = await world.db.sql`SELECT config FROM projects`;
      expect(project?.config).toEqual(PROJECT_CONFIG);
      expect(writesTo(github)).toEqual([]);

      // A person sees why: a failing check run on the commit, annotated, and one issue.
      let output: { summary?: string; annotations?: { message: string }[] } = {};
      github
        .post(`${REPO_PATH}/check-runs`, (body) => {
          output = body.output ?? {};
          return body.conclusion === "failure" && body.head_sha === after;
        })
        .reply(201, { id: 1 });
      github.get(`${REPO_PATH}/issues`).query(true).reply(200, []);
      github.post(`${REPO_PATH}/issues`).reply(201, { number: 9 });
      await world.db.sql`UPDATE outbox SET status = 'done' WHERE kind <> 'report_config'`;
      await world.app.server.worker?.runOnce();
      github.expectDone();
      expect(output.summary).toMatch(/last valid configuration stays in use/);
      const said = [output.summary, ...(output.annotations ?? []).map((a) => a.message)].join("\n");
      expect(said).toMatch(hostile.message);
      expect(Object.prototype).not.toHaveProperty("isAdmin");
      expect(world.unmatched).toEqual([]);
    }),
  );
});

describe("the runner job never holds a write credential", () => {
  // test/workflow-template.test.ts asserts `permissions:` is exactly contents: read and
  // id-token: write, in no job; these close the ways around it.
  const text = readFileSync(".github/workflows/quantapilot.yml", "utf8");
  const workflow = parse(text) as {
    on: Record<string, unknown>;
    jobs: Record<string, { steps: Record<string, unknown>[] }>;
  };
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

  it("runs only when the app dispatches it, never for a pull request's code", () => {
    expect(Object.keys(workflow.on)).toEqual(["workflow_dispatch"]);
  });

  it("puts no input into a shell script, where a crafted spec could run commands", () => {
    for (const step of steps) expect(step.run).toBeUndefined();
  });

  it("hands the action no GitHub token, only the model keys", () => {
    expect(text).not.toMatch(/github\.token|secrets\.GITHUB_TOKEN|GH_TOKEN/);
    const env = steps.flatMap((step) => Object.keys((step.env as object | undefined) ?? {}));
    expect(env.sort()).toEqual(["ANTHROPIC_API_KEY", "OPENAI_API_KEY"]);
  });
});

describe("logs", () => {
  // Runs last: every input above has been sent, and the server logs at debug level.
  it("carry no token, key or secret of anything sent above", () => {
    const logs = JSON.stringify(world.app.logs);
    expect(world.app.logs.length).toBeGreaterThan(100);
    expect(bearers.length).toBeGreaterThan(20);
    for (const token of bearers) expect(logs).not.toContain(token);
    expect(logs).not.toContain(GITHUB_TOKEN);
    expect(logs).not.toMatch(/sk-ant-[kx]{20}/);
    expect(logs).not.toContain("PRIVATE KEY");
    expect(logs).not.toContain("ghs_test");
    expect(logs).not.toContain("test-webhook-secret");
  });
});
