import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { deliverWebhook, signBody } from "../helpers/deliver-webhook.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

// Sent to every app whether subscribed or not, so the manifest does not list them.
const ALWAYS_SENT = ["installation", "installation_repositories"];
const manifest = parse(readFileSync("app.yml", "utf8")) as { default_events: string[] };
const subscribed = [...ALWAYS_SENT, ...manifest.default_events];

const installationCreated = examples
  .find((group) => group.name === "installation")
  ?.examples.find((example) => (example as { action?: string }).action === "created") as {
  installation: { id: number };
  repositories: { id: number; full_name: string }[];
};

describe("webhook ingest over HTTP", () => {
  let db: TestDatabase;
  let app: TestServer;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);

  beforeAll(async () => {
    process.on("unhandledRejection", onRejection);
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    db = await createTestDatabase();
    app = await startTestServer(db.url);
  });
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    expect(rejections).toEqual([]);
  });
  afterAll(async () => {
    await app.stop();
    await db.drop();
    nock.enableNetConnect();
    process.off("unhandledRejection", onRejection);
  });

  const countDeliveries = async (status: string) =>
    Number((await db.sql`SELECT count(*) FROM deliveries WHERE status = ${status}`)[0]?.count);

  describe.each(subscribed)("every example payload of %s", (event) => {
    const group = examples.find((candidate) => candidate.name === event);
    it("exists in @octokit/webhooks-examples", () =>
      expect(group?.examples.length).toBeGreaterThan(0));
    it.each(group?.examples.map((payload, index) => [index, payload]) ?? [])(
      "#%i is accepted",
      async (_i, payload) => {
        const reply = await deliverWebhook(app.url, { event, payload });
        expect(reply.status).toBe(200);
        expect(["processed", "ignored"]).toContain(reply.body.outcome);
      },
    );
  });

  it("records a processed delivery and its effect in one go", async () => {
    const id = randomUUID();
    const reply = await deliverWebhook(app.url, {
      event: "installation",
      id,
      payload: installationCreated,
    });
    expect(reply).toEqual({ status: 200, body: { outcome: "processed", message: "Processed" } });
    const [delivery] =
      await db.sql`SELECT status, event, action, attempts FROM deliveries WHERE id = ${id}`;
    expect(delivery).toEqual({
      status: "processed",
      event: "installation",
      action: "created",
      attempts: 1,
    });
    const [project] =
      await db.sql`SELECT owner, name, status FROM projects WHERE repo_id = ${installationCreated.repositories[0]?.id ?? 0}`;
    // Onboarding starts in the same transaction (its PR is an outbox effect).
    expect(project).toMatchObject({ status: "onboarding" });
    expect(`${project?.owner}/${project?.name}`).toBe(
      installationCreated.repositories[0]?.full_name,
    );
  });

  it("also takes deliveries at / , where Probot's setup page points the App", async () => {
    const reply = await deliverWebhook(app.url, {
      event: "installation",
      payload: installationCreated,
      path: "/",
    });
    expect(reply.status).toBe(200);
    expect(reply.body.outcome).toBe("processed");
  });

  it("acknowledges a duplicate delivery and changes nothing", async () => {
    const id = randomUUID();
    const repoId = 900_001;
    const payload = withRepositories(installationCreated, [{ id: repoId, full_name: "acme/dup" }]);
    await deliverWebhook(app.url, { event: "installation", id, payload });
    await db.sql`UPDATE projects SET status = 'active' WHERE repo_id = ${repoId}`;
    const again = await deliverWebhook(app.url, { event: "installation", id, payload });
    expect(again).toEqual({
      status: 200,
      body: { outcome: "duplicate", message: "Already processed" },
    });
    const [project] = await db.sql`SELECT status FROM projects WHERE repo_id = ${repoId}`;
    expect(project?.status).toBe("active");
    const [delivery] = await db.sql`SELECT attempts FROM deliveries WHERE id = ${id}`;
    expect(delivery?.attempts).toBe(1);
  });

  it("processes concurrent copies of one delivery exactly once", async () => {
    const id = randomUUID();
    const payload = withRepositories(installationCreated, [
      { id: 900_002, full_name: "acme/race" },
    ]);
    const replies = await Promise.all(
      Array.from({ length: 8 }, () =>
        deliverWebhook(app.url, { event: "installation", id, payload }),
      ),
    );
    const outcomes = replies.map((reply) => reply.body.outcome).sort();
    expect(outcomes).toEqual([
      "duplicate",
      "duplicate",
      "duplicate",
      "duplicate",
      "duplicate",
      "duplicate",
      "duplicate",
      "processed",
    ]);
  });

  it("refuses a wrong signature with 401 and records nothing", async () => {
    const before = await db.sql`SELECT count(*) FROM deliveries`;
    const id = randomUUID();
    const reply = await deliverWebhook(app.url, {
      event: "installation",
      id,
      payload: installationCreated,
      secret: "wrong",
    });
    expect(reply.status).toBe(401);
    expect(reply.body.outcome).toBe("unauthorized");
    const garbage = await deliverWebhook(app.url, {
      event: "installation",
      payload: {},
      signature: "sha256=zz",
    });
    expect(garbage.status).toBe(401);
    const sha1 = await deliverWebhook(app.url, {
      event: "installation",
      payload: {},
      signature: "sha1=abc",
    });
    expect(sha1.status).toBe(401);
    expect(await db.sql`SELECT count(*) FROM deliveries`).toEqual(before);
  });

  it("refuses a missing signature or delivery id with 400 and records nothing", async () => {
    const before = await db.sql`SELECT count(*) FROM deliveries`;
    const unsigned = await deliverWebhook(app.url, {
      event: "installation",
      payload: installationCreated,
      signature: null,
    });
    expect(unsigned.status).toBe(400);
    expect(unsigned.body.message).toMatch(/x-hub-signature-256/);
    const noId = await fetch(`${app.url}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "x-github-event": "ping",
        "x-hub-signature-256": signBody("{}", "test-webhook-secret"),
      },
      body: "{}",
    });
    expect(noId.status).toBe(400);
    expect(await db.sql`SELECT count(*) FROM deliveries`).toEqual(before);
  });

  it("refuses malformed JSON and non-object bodies with 400", async () => {
    for (const body of ["{not json", "[1,2]", "null", ""]) {
      const reply = await deliverWebhook(app.url, { event: "installation", body });
      expect(reply.status, body).toBe(400);
      expect(reply.body.outcome).toBe("rejected");
    }
  });

  it("refuses a payload missing what the handler needs with 400, writing nothing", async () => {
    const id = randomUUID();
    const payload = { action: "created", installation: { id: 77, account: "not an object" } };
    const reply = await deliverWebhook(app.url, { event: "installation", id, payload });
    expect(reply.status).toBe(400);
    expect(reply.body.message).toBe(
      "installation payload: installation.account: Invalid input: expected object, received string",
    );
    const [delivery] = await db.sql`SELECT status, error FROM deliveries WHERE id = ${id}`;
    expect(delivery?.status).toBe("failed");
  });

  it("ignores a handled event that was not sent for an installation", async () => {
    const { installation: _, ...payload } = installationCreated;
    const reply = await deliverWebhook(app.url, { event: "installation", payload });
    expect(reply).toEqual({
      status: 200,
      body: { outcome: "ignored", message: "Not sent for an installation of this App" },
    });
  });

  it("records an event nobody handles as ignored with 200", async () => {
    const id = randomUUID();
    const reply = await deliverWebhook(app.url, {
      event: "star",
      id,
      payload: { action: "created", installation: { id: 1 } },
    });
    expect(reply).toEqual({
      status: 200,
      body: { outcome: "ignored", message: "No handler for this event" },
    });
    const [delivery] = await db.sql`SELECT status FROM deliveries WHERE id = ${id}`;
    expect(delivery?.status).toBe("ignored");
    expect(await countDeliveries("ignored")).toBeGreaterThan(0);
  });

  it("rolls back a failing handler, answers 500, and processes the redelivery", async () => {
    const id = randomUUID();
    const repoId = 900_003;
    const payload = withRepositories(installationCreated, [
      { id: repoId, full_name: "acme/flaky" },
    ]);
    await db.sql.unsafe(`
      CREATE FUNCTION refuse_flaky() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.repo_id = ${repoId} THEN RAISE EXCEPTION 'disk on fire'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_flaky BEFORE INSERT ON projects FOR EACH ROW EXECUTE FUNCTION refuse_flaky();`);
    const failed = await deliverWebhook(app.url, { event: "installation", id, payload });
    expect(failed.status).toBe(500);
    expect(failed.body.outcome).toBe("failed");
    const [row] = await db.sql`SELECT status, error, attempts FROM deliveries WHERE id = ${id}`;
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row?.error).toMatch(/disk on fire/);
    expect(await db.sql`SELECT 1 FROM projects WHERE repo_id = ${repoId}`).toHaveLength(0);

    await db.sql.unsafe("DROP TRIGGER refuse_flaky ON projects; DROP FUNCTION refuse_flaky();");
    const redelivered = await deliverWebhook(app.url, { event: "installation", id, payload });
    expect(redelivered.body.outcome).toBe("processed");
    const [after] = await db.sql`SELECT status, error, attempts FROM deliveries WHERE id = ${id}`;
    expect(after).toEqual({ status: "processed", error: null, attempts: 2 });
    expect(await db.sql`SELECT 1 FROM projects WHERE repo_id = ${repoId}`).toHaveLength(1);
    const logged = app.logs.find(
      (line) => line.deliveryId === id && line.msg === "Delivery failed; rolled back",
    );
    expect(logged).toMatchObject({ event: "installation", action: "created" });
  });

  it("refuses a body over GitHub's 25 MB cap with 413 before reading it", async () => {
    const declared = await fetch(`${app.url}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "x-github-event": "push",
        "x-github-delivery": randomUUID(),
        "content-length": String(26 * 1024 * 1024),
      },
      body: "x",
      duplex: "half",
    } as RequestInit).catch((error: Error) => error);
    // Either the 413 arrives, or the client notices the server closed after refusing.
    if (!(declared instanceof Error)) expect(declared.status).toBe(413);

    const chunk = "x".repeat(1024 * 1024);
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 26; i++) controller.enqueue(new TextEncoder().encode(chunk));
        controller.close();
      },
    });
    const streamed = await fetch(`${app.url}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "x-github-event": "push",
        "x-github-delivery": randomUUID(),
        "x-hub-signature-256": "sha256=0",
      },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it("counts deliveries by event, action and outcome in /metrics", async () => {
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(
      /quantapilot_webhooks_received_total\{event="installation",action="created",outcome="processed"\} \d+/,
    );
    expect(metrics).toMatch(
      /quantapilot_webhooks_received_total\{event="star",action="created",outcome="ignored"\} 1/,
    );
    expect(metrics).toMatch(/quantapilot_webhook_handler_duration_seconds_bucket/);
    expect(metrics).toMatch(/process_cpu_user_seconds_total/);
  });

  it("is ready once migrations are applied and credentials are set", async () => {
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", problems: [] });
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it("answers Probot's GET /ping with PONG, and nothing else there", async () => {
    const ping = await fetch(`${app.url}/ping`);
    expect(ping.status).toBe(200);
    expect(ping.headers.get("content-type")).toBe("text/plain");
    expect(await ping.text()).toBe("PONG");
    expect((await fetch(`${app.url}/ping`, { method: "POST" })).status).toBe(404);
    expect((await fetch(`${app.url}/ping/more`)).status).toBe(404);
  });

  it("puts the delivery id, event and repository on every handler log line", async () => {
    const id = randomUUID();
    await deliverWebhook(app.url, { event: "installation", id, payload: installationCreated });
    const lines = app.logs.filter((line) => line.deliveryId === id);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines)
      expect(line).toMatchObject({ event: "installation", action: "created" });
    expect(JSON.stringify(app.logs)).not.toContain("BEGIN PRIVATE KEY");
    expect(JSON.stringify(app.logs)).not.toContain("test-webhook-secret");
  });
});

function withRepositories<T extends object>(
  payload: T,
  repositories: { id: number; full_name: string }[],
): T {
  return {
    ...payload,
    repositories: repositories.map((repo) => ({
      ...repo,
      name: repo.full_name.split("/")[1],
      private: false,
      node_id: "x",
    })),
  };
}
