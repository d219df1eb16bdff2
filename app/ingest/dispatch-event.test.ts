import type { EmitterWebhookEvent } from "@octokit/webhooks";
import nock from "nock";
import pino from "pino";
import { type Context, ProbotOctokit } from "probot";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { example } from "../../test/e2e/life/webhook-payloads.js";
import { createTestDatabase, type TestDatabase } from "../../test/helpers/database.js";
import { createGitHubNock } from "../../test/helpers/github-nock.js";
import { createInstallationOctokits } from "../github/installation-octokits.js";
import { defineHandler } from "../handlers/define-handler.js";
import { createEventDispatcher } from "./dispatch-event.js";
import type { Handoff } from "./group-commit.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  nock.disableNetConnect();
});
afterAll(async () => {
  nock.enableNetConnect();
  await db.drop();
});
afterEach(() => nock.cleanAll());

const log = pino({ level: "silent" });
const noHandoff: Handoff = { received: undefined, pass: () => {}, defer: () => false };
const INSTALLATION = 4242;

/** A delivery of GitHub's own example payload, for our installation. */
function delivery(name: "installation" | "push", action?: string): EmitterWebhookEvent {
  const payload = { ...example(name, action), installation: { id: INSTALLATION } };
  return { id: `delivery-${name}`, name, payload } as EmitterWebhookEvent;
}

/** Probot's `auth`, counted: which installations had an Octokit built. */
function countedOctokits() {
  const built: number[] = [];
  const octokits = createInstallationOctokits(async (installationId) => {
    built.push(installationId);
    return new ProbotOctokit();
  });
  return { built, octokits };
}

function recorder(events: Parameters<typeof defineHandler>[0], callsGitHub: boolean) {
  const seen: Context[] = [];
  const handler = defineHandler(
    events,
    async ({ context }) => {
      seen.push(context as unknown as Context);
    },
    { callsGitHub },
  );
  return { handler, seen };
}

it("builds no Octokit for a delivery whose handlers all say they call no GitHub, and refuses a call", async () => {
  const { built, octokits } = countedOctokits();
  const offline = recorder(["installation.created"], false);
  const dispatch = createEventDispatcher([offline.handler], octokits);
  await db.sql.begin((tx) =>
    dispatch(delivery("installation", "created"), tx, log, () => {}, noHandoff),
  );
  expect(offline.seen).toHaveLength(1);
  expect(built).toEqual([]);
  // No request leaves (the network is closed): the refusal names the call and the fix.
  await expect(
    offline.seen[0]?.octokit.rest.apps.getInstallation({ installation_id: 1 }),
  ).rejects.toThrow(
    "A handler declared with callsGitHub: false called GitHub (GET /app/installations/{installation_id}); declare it true",
  );
});

it("builds the installation's Octokit once one handler of the delivery may call GitHub", async () => {
  const { built, octokits } = countedOctokits();
  const offline = recorder(["push"], false);
  const online = recorder(["push"], true);
  const dispatch = createEventDispatcher([offline.handler, online.handler], octokits);
  await db.sql.begin((tx) => dispatch(delivery("push"), tx, log, () => {}, noHandoff));
  await db.sql.begin((tx) => dispatch(delivery("push"), tx, log, () => {}, noHandoff));
  // Built once for the installation, reused by the next delivery, and shared by both handlers.
  expect(built).toEqual([INSTALLATION]);
  expect(offline.seen[0]?.octokit).toBe(online.seen[0]?.octokit);
  expect(online.seen[1]?.octokit).toBe(online.seen[0]?.octokit);
});

it("marks each delivery's GitHub requests with its own id, though they share the installation's Octokit", async () => {
  const { octokits } = countedOctokits();
  const online = defineHandler(["push"], async ({ context }) => {
    await context.octokit.request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "app" });
  });
  const dispatch = createEventDispatcher([online], octokits);
  // Probot's Context alone would send "first" both times: it marks an Octokit once.
  const github = createGitHubNock();
  for (const id of ["first", "second"]) {
    github.get("/repos/acme/app").matchHeader("x-github-delivery", id).reply(200, { id: 1 });
  }
  for (const id of ["first", "second"]) {
    const push = { ...delivery("push"), id };
    await db.sql.begin((tx) => dispatch(push, tx, log, () => {}, noHandoff));
  }
  github.expectDone();
});

it("gives the delivery's handoff to a lone handler only: with two, one may change what the other received", async () => {
  const { octokits } = countedOctokits();
  const seen: unknown[] = [];
  const leftWrites: boolean[] = [];
  const passing = (events: Parameters<typeof defineHandler>[0]) =>
    defineHandler(
      events,
      async ({ handoff }) => {
        seen.push(handoff.received);
        handoff.pass("left by a handler");
        leftWrites.push(handoff.defer([]));
      },
      { callsGitHub: false },
    );
  const passed: unknown[] = [];
  const handoff: Handoff = {
    received: "from before",
    pass: (value) => passed.push(value),
    defer: () => true,
  };
  const lone = createEventDispatcher([passing(["installation.created"])], octokits);
  await db.sql.begin((tx) => lone(delivery("installation", "created"), tx, log, () => {}, handoff));
  expect(seen).toEqual(["from before"]);
  expect(passed).toEqual(["left by a handler"]);
  expect(leftWrites).toEqual([true]);
  const pair = createEventDispatcher([passing(["push"]), passing(["push"])], octokits);
  await db.sql.begin((tx) => pair(delivery("push"), tx, log, () => {}, handoff));
  expect(seen).toEqual(["from before", undefined, undefined]);
  expect(passed).toEqual(["left by a handler"]);
  // Neither of the two may leave writes: they would go out with no one to answer for them.
  expect(leftWrites).toEqual([true, false, false]);
});
