import nock from "nock";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { deliverWebhook } from "../helpers/deliver-webhook.js";
import { createGitHubNock } from "../helpers/github-nock.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";
import { example } from "./life/webhook-payloads.js";

const labeledExample = example("issues", "labeled") as Record<string, unknown> & {
  repository: object;
  issue: object;
  label: object;
};

const INSTALLATION = 77;
const SENDER = { login: "burster", id: 4711, type: "User" };
/** Labelled in bursts, each decided on what the previous label left. */
const BURST = { repoId: 9001, name: "burst" };
/** Labelled one delivery at a time: what the burst must end up equal to. */
const SERIAL = { repoId: 9002, name: "serial" };
type Repo = typeof BURST;

/** GitHub's real `issues.labeled` payload: `label` on issue `number` of `repo`. */
function labeled(repo: Repo, number: number, label = "quantapilot:implement") {
  return {
    ...labeledExample,
    repository: {
      ...labeledExample.repository,
      id: repo.repoId,
      name: repo.name,
      full_name: `acme/${repo.name}`,
      owner: { login: "acme" },
    },
    issue: { ...labeledExample.issue, number, title: `Issue ${number}` },
    label: { ...labeledExample.label, name: label },
    sender: SENDER,
    installation: { id: INSTALLATION },
  };
}

describe("a burst of stage labels on one project", () => {
  let db: TestDatabase;
  let app: TestServer;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    db = await createTestDatabase();
    app = await startTestServer(db.url);
    const github = createGitHubNock();
    github
      .post(`/app/installations/${INSTALLATION}/access_tokens`)
      .reply(201, { token: "ghs_test", expires_at: "2099-01-01T00:00:00Z" });
    for (const repo of [BURST, SERIAL]) {
      github
        .get(`/repos/acme/${repo.name}/collaborators/${SENDER.login}/permission`)
        .reply(200, { permission: "write", role_name: "write", user: { login: SENDER.login } });
    }
    await db.sql`INSERT INTO installations (id, account_login, account_type)
      VALUES (${INSTALLATION}, 'acme', 'Organization')`;
    for (const repo of [BURST, SERIAL]) {
      await db.sql`
        INSERT INTO projects (installation_id, repo_id, owner, name, default_branch, status)
        VALUES (${INSTALLATION}, ${repo.repoId}, 'acme', ${repo.name}, 'main', 'active')`;
    }
  });
  afterAll(async () => {
    nock.cleanAll();
    await app.stop();
    await db.drop();
    nock.enableNetConnect();
  });

  const send = (payload: object, id?: string) =>
    deliverWebhook(app.url, { event: "issues", payload, ...(id && { id }) });

  /**
   * Sends `payloads` so that all but the first are committed in one batch, as
   * in a real burst: the burst project's row is held meanwhile, so the first
   * delivery waits for it alone and the others queue behind it.
   */
  async function burst(tag: string, payloads: object[]) {
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let held = () => {};
    const holding = new Promise<void>((resolve) => {
      held = resolve;
    });
    const holder = db.sql.begin(async (tx) => {
      await tx`SELECT 1 FROM projects WHERE repo_id = ${BURST.repoId} FOR UPDATE`;
      held();
      await released;
    });
    await holding;
    const [first, ...rest] = payloads;
    const replies = [send(first as object, `${tag}-0`)];
    await vi.waitFor(
      async () => {
        const [row] = await db.sql`SELECT count(*)::int AS waiting FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`;
        expect(row?.waiting).toBe(1);
      },
      { timeout: 10_000, interval: 20 },
    );
    replies.push(...rest.map((payload, index) => send(payload, `${tag}-${index + 1}`)));
    await new Promise((resolve) => setTimeout(resolve, 1000)); // the rest reach the queue
    release();
    await holder;
    return Promise.all(replies);
  }

  /** How many transactions committed the deliveries of burst `tag`. */
  async function transactionsOf(tag: string): Promise<number | undefined> {
    const [row] = await db.sql`SELECT count(DISTINCT xmin::text)::int AS n FROM deliveries
      WHERE id LIKE ${`${tag}-%`}`;
    return row?.n;
  }

  /** How a project's items, runs, effects and decisions ended, in an order arrival does not change. */
  async function outcome(repo: Repo) {
    const items = await db.sql`
      SELECT w.issue_number, w.stage, w.state, w.last_run_number,
        (SELECT count(*)::int FROM stage_runs r WHERE r.work_item_id = w.id) AS runs,
        (SELECT array_agg(o.kind ORDER BY o.id) FROM outbox o
          WHERE o.payload ->> 'workItemId' = w.id::text) AS effects,
        (SELECT array_agg(d.accepted ORDER BY d.accepted) FROM decisions d
          WHERE d.work_item_id = w.id) AS decisions
      FROM work_items w JOIN projects p ON p.id = w.project_id
      WHERE p.repo_id = ${repo.repoId}
      ORDER BY w.issue_number`;
    const [project] = await db.sql`
      SELECT reserved_usd, (SELECT count(*)::int FROM outbox o
          WHERE o.kind = 'post_comment' AND o.payload ->> 'repo' = p.name) AS replies
      FROM projects p WHERE repo_id = ${repo.repoId}`;
    return { items, project };
  }

  /** `outcome` as a multiset of items: which issues got the budget depends on arrival order. */
  async function shape(repo: Repo) {
    const { items, project } = await outcome(repo);
    return {
      project,
      items: items.map(({ issue_number: _, ...rest }) => JSON.stringify(rest)).sort(),
    };
  }

  it("decides each new issue on what the previous label left, ending as labels one at a time do", async () => {
    // Room for five $5 runs: the sixth to eighth labels must see the first five's reservations.
    await db.sql`UPDATE projects SET budget_usd = 25`;
    const issues = [1, 2, 3, 4, 5, 6, 7, 8];
    const replies = await burst(
      "first-burst",
      issues.map((number) => labeled(BURST, number)),
    );
    expect(replies.map((reply) => reply.body.outcome)).toEqual(issues.map(() => "processed"));
    // As sent: the first delivery alone, the seven others in one transaction.
    expect(await transactionsOf("first-burst")).toBe(2);
    for (const number of issues) await send(labeled(SERIAL, number));

    expect(await shape(BURST)).toEqual(await shape(SERIAL));
    const burstOutcome = await outcome(BURST);
    expect(burstOutcome.project?.reserved_usd).toBe("25.000000");
    const started = burstOutcome.items.filter((item) => item.state === "running");
    expect(started).toHaveLength(5);
    expect(started[0]?.effects).toEqual([
      "create_check_run",
      "dispatch_stage",
      "update_status_comment",
    ]);
    // From the burst's third label on, each was decided without reading the project again, on
    // an id reserved ahead, and left its rows to the next: the seven's items, started or held
    // for the spent budget, went out as one insert.
    const written = await db.sql`
      SELECT DISTINCT w.xmin::text || ':' || w.cmin::text AS statement
      FROM work_items w JOIN projects p ON p.id = w.project_id
      WHERE p.repo_id = ${BURST.repoId} AND w.issue_number <> 1`;
    expect(written).toHaveLength(1);
  });

  it("runs a burst again one delivery at a time when an issue turns out to have an item already", async () => {
    await db.sql`UPDATE projects SET budget_usd = NULL`;
    // Issue 1 has a work item in both projects since the test above; issue 9 is new and
    // labelled twice in the burst; 10 and 11 are new.
    const payloads = [
      labeled(BURST, 10),
      labeled(BURST, 9),
      labeled(BURST, 1, "quantapilot:test"),
      labeled(BURST, 9),
      labeled(BURST, 11),
    ];
    const replies = await burst("second-burst", payloads);
    expect(replies.map((reply) => reply.body.outcome)).toEqual(payloads.map(() => "processed"));
    // Issue 1 was decided on the chain, its insert refused: the four after the first were
    // then committed one by one, not together.
    expect(await transactionsOf("second-burst")).toBe(5);
    for (const payload of payloads) {
      await send({ ...payload, repository: labeled(SERIAL, 1).repository });
    }
    expect(await shape(BURST)).toEqual(await shape(SERIAL));
    const items = (await outcome(BURST)).items;
    expect(items.map((item) => item.issue_number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(items.find((item) => item.issue_number === 9)?.decisions).toEqual([false, true]);
    const [issue1] = items;
    const [serial1] = (await outcome(SERIAL)).items;
    expect(issue1).toEqual(serial1);
  });
});
