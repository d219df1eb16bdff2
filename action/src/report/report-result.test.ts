import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import * as core from "@actions/core";
import { decodeJwt } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { describeClosedRun } from "../../../app/results/intake-result.js";
import type { RunForResult } from "../../../app/store/stage-runs.js";
import type { StageResult } from "../../../contract/stage-result.js";
import {
  type ScriptedServer,
  startScriptedServer,
  unreachableOrigin,
} from "../../../test/fakes/scripted-server.js";
import {
  type LocalOidcIssuer,
  startLocalOidcIssuer,
} from "../../../test/helpers/local-oidc-issuer.js";
import { type ReportResultOptions, reportResult } from "./report-result.js";

const AUDIENCE = "https://quantapilot.test";
const PATH = "/api/stage-runs/42/result";
const result: StageResult = {
  version: 1,
  stage_run_id: 42,
  outcome: "no_changes",
  reason: "Nothing to change.",
  changes: [],
  commit_message: "",
  pr: { title: "", body: "" },
  findings: [],
  usage: [],
  prompt_versions: { developer: "1" },
  transcript_digest: "a".repeat(64),
};

// The app's own answer to a second result for a run (app/results/intake-result.ts).
const alreadyHasResult = describeClosedRun({
  id: 42,
  hasResult: true,
  status: "succeeded",
} as RunForResult);

let issuer: LocalOidcIssuer;
let app: ScriptedServer;
let sleeps: number[];
let lines: string[];

beforeAll(async () => {
  issuer = await startLocalOidcIssuer();
  process.env.ACTIONS_ID_TOKEN_REQUEST_URL = issuer.tokenRequestUrl;
  process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = issuer.tokenRequestToken;
  app = await startScriptedServer({
    route: { method: "POST", path: PATH },
    error: (status, message) => ({ status, body: { error: message } }),
  });
});
afterEach(() => {
  expect(app.pending()).toBe(0);
  app.requests.length = 0;
});
afterAll(async () => {
  delete process.env.ACTIONS_ID_TOKEN_REQUEST_URL;
  delete process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  await Promise.all([issuer.close(), app.close()]);
});

function report(options: Partial<ReportResultOptions> = {}) {
  sleeps = [];
  lines = [];
  return reportResult({
    result,
    resultUrl: `${app.origin}${PATH}`,
    audience: AUDIENCE,
    getIdToken: (audience) => core.getIDToken(audience),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    log: (line) => lines.push(line),
    random: () => 0.5,
    ...options,
  });
}

describe("reportResult", () => {
  it("POSTs the result as JSON with the job's OIDC token for the app's audience", async () => {
    app.enqueue({ status: 202, body: { status: "accepted", stage_run_id: 42, writing: false } });
    expect(await report()).toEqual({ delivered: true, status: 202, attempts: 1 });
    const [request] = app.requests;
    expect(request?.body).toEqual(result);
    expect(request?.headers["content-type"]).toBe("application/json");
    const token = /^Bearer (.+)$/.exec(request?.headers.authorization ?? "")?.[1] ?? "";
    expect(decodeJwt(token)).toMatchObject({ aud: AUDIENCE, iss: issuer.issuer });
    expect(lines.join("\n")).not.toContain(token);
    expect(sleeps).toEqual([]);
  });

  it("retries a 500 with backoff, with a fresh token, and then delivers", async () => {
    app.enqueue(
      { status: 500, body: { error: "boom" } },
      { status: 503, body: {} },
      { status: 200, body: {} },
    );
    expect(await report()).toEqual({ delivered: true, status: 200, attempts: 3 });
    expect(sleeps).toEqual([750, 1_500]);
    const tokens = app.requests.map((r) => r.headers.authorization);
    expect(new Set(tokens).size).toBe(3);
    expect(lines).toContain("boom; retrying in 0.8 s");
  });

  it("waits as long as a 429's retry-after says, in seconds or as a date", async () => {
    const soon = new Date(Date.UTC(2030, 0, 1, 0, 0, 7)).toUTCString();
    app.enqueue(
      { status: 429, headers: { "retry-after": "3" }, body: { error: "slow down" } },
      { status: 408, headers: { "retry-after": soon }, body: {} },
      { status: 202, body: {} },
    );
    const now = () => Date.UTC(2030, 0, 1, 0, 0, 0);
    expect(await report({ now })).toMatchObject({ delivered: true, attempts: 3 });
    expect(sleeps).toEqual([3_000, 7_000]);
  });

  it("caps a retry-after of an hour", async () => {
    app.enqueue(
      { status: 503, headers: { "retry-after": "3600" }, body: {} },
      { status: 202, body: {} },
    );
    await report();
    expect(sleeps).toEqual([120_000]);
  });

  it("gives up when the app stays unreachable, saying so after every attempt", async () => {
    const down = await unreachableOrigin();
    const outcome = await report({ resultUrl: `${down}${PATH}`, maxAttempts: 4 });
    expect(outcome).toEqual({
      delivered: false,
      attempts: 4,
      reason:
        "The result was not delivered after 4 attempts: the app could not be reached (ECONNREFUSED)",
    });
    expect(sleeps).toEqual([750, 1_500, 3_000]);
  });

  it.each([
    [401, { error: "The token has expired.", code: "expired" }, "The token has expired."],
    [
      403,
      { error: "The token comes from another run.", code: "run" },
      "The token comes from another run.",
    ],
    [
      400,
      {
        error: "The body is not a valid stage result.",
        errors: [{ path: "reason", message: "Too small" }],
      },
      "The body is not a valid stage result. reason: Too small",
    ],
    [
      422,
      { status: "refused", stage_run_id: 42, reasons: ['"x" is protected.', "secret"] },
      'The app refused the result. "x" is protected.; secret',
    ],
    [404, { error: "No stage run 42." }, "No stage run 42."],
  ])("takes a %i as final, with the app's words", async (status, body, reason) => {
    app.enqueue({ status, body });
    expect(await report()).toEqual({ delivered: false, status, reason, attempts: 1 });
    expect(sleeps).toEqual([]);
  });

  it("reads a proxy's HTML error page as a status and its start", async () => {
    app.enqueue(
      { status: 502, raw: "<html>Bad Gateway</html>", body: undefined },
      { status: 202, body: {} },
    );
    await report();
    expect(lines[1]).toBe("The app answered 502: <html>Bad Gateway</html>; retrying in 0.8 s");
  });
});

describe("reportResult and a result that already arrived", () => {
  it("counts the app's 409 after a lost answer as delivered", async () => {
    app.enqueue(
      { status: 502, body: {} },
      { status: alreadyHasResult?.status ?? 0, body: alreadyHasResult?.body },
    );
    expect(await report()).toEqual({ delivered: true, status: 409, attempts: 2, duplicate: true });
  });

  it("counts it as delivered when the connection dropped after the app read the result", async () => {
    let received = 0;
    const flaky = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        received++;
        if (received === 1) {
          req.socket.destroy();
          return;
        }
        res
          .writeHead(409, { "content-type": "application/json" })
          .end(JSON.stringify(alreadyHasResult?.body));
      });
    });
    await new Promise<void>((resolve) => flaky.listen(0, "127.0.0.1", resolve));
    const { port } = flaky.address() as AddressInfo;
    const outcome = await report({ resultUrl: `http://127.0.0.1:${port}${PATH}` });
    await new Promise((resolve) => flaky.close(resolve));
    expect(outcome).toMatchObject({ delivered: true, duplicate: true, attempts: 2 });
  });

  it("does not count a 409 after a 429, which the app answered without taking the result", async () => {
    app.enqueue({ status: 429, body: {} }, { status: 409, body: alreadyHasResult?.body });
    expect(await report()).toMatchObject({ delivered: false, status: 409, attempts: 2 });
  });

  it("does not count a 409 on the first attempt: another run reported, not us", async () => {
    app.enqueue({ status: 409, body: alreadyHasResult?.body });
    expect(await report()).toEqual({
      delivered: false,
      status: 409,
      attempts: 1,
      reason: "Stage run 42 already has a result; a run reports once.",
    });
  });
});

describe("reportResult without a way to report", () => {
  it("does not retry a result URL that is not a URL", async () => {
    const outcome = await report({ resultUrl: "not a url" });
    expect(outcome).toEqual({
      delivered: false,
      attempts: 0,
      reason: expect.stringContaining("is not a URL"),
    });
    expect(sleeps).toEqual([]);
  });

  it("says the workflow needs id-token: write when Actions gives no token", async () => {
    const getIdToken = () => core.getIDToken(AUDIENCE);
    const url = process.env.ACTIONS_ID_TOKEN_REQUEST_URL;
    delete process.env.ACTIONS_ID_TOKEN_REQUEST_URL;
    const outcome = await report({ getIdToken }).finally(() => {
      process.env.ACTIONS_ID_TOKEN_REQUEST_URL = url;
    });
    expect(outcome).toMatchObject({ delivered: false, attempts: 1 });
    expect(outcome.delivered || outcome.reason).toMatch(/permissions: id-token: write/);
    expect(app.requests).toEqual([]);
  });
});
