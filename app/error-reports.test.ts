import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { createStackParser } from "@sentry/core";
import { nodeStackLineParser } from "@sentry/core/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createErrorReporter, errorEvent } from "./error-reports.js";
import { createLogger, logDestination } from "./logger.js";

const stackParser = createStackParser(nodeStackLineParser());

/** A logger writing to `lines`, each line also handed to `reporter` when given. */
function logTo(
  reporter?: Parameters<typeof logDestination>[2],
  options: { levelInString?: boolean } = {},
) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const log = createLogger(
    { level: "info", ...options },
    logDestination({ format: "json" }, sink, reporter),
  );
  return { log, lines };
}

/** The records a logger wrote, parsed. */
function recordsOf(lines: string[]): Record<string, unknown>[] {
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("errorEvent", () => {
  it("makes a logged error an exception with frames, where it happened tags, the installation the user", () => {
    const { log, lines } = logTo();
    const delivery = log.child({
      deliveryId: "d-1",
      event: "issues",
      action: "labeled",
      repo: "acme/app",
      installationId: 7,
    });
    const error = Object.assign(new TypeError("label missing"), {
      request: { headers: { authorization: "token ghs_leak" } },
    });
    delivery.error({ err: error, attempts: 3 }, "Delivery failed; rolled back");
    const [record] = recordsOf(lines);
    const { event, user } = errorEvent(record ?? {}, { messageKey: "msg", stackParser });
    expect(event).toMatchObject({
      level: "error",
      message: "Delivery failed; rolled back",
      tags: { deliveryId: "d-1", event: "issues", action: "labeled", repo: "acme/app" },
      extra: { attempts: 3, name: "quantapilot" },
    });
    expect(user).toEqual({ id: "7" });
    const [exception] = event.exception?.values ?? [];
    expect(exception).toMatchObject({ type: "TypeError", value: "label missing" });
    // Sentry's order: the throwing frame last.
    expect(exception?.stacktrace?.frames?.at(-1)?.filename).toMatch(/error-reports\.test\.ts$/);
    expect(Object.keys(event.extra ?? {})).not.toEqual(
      expect.arrayContaining(["level", "time", "pid", "hostname", "msg", "err"]),
    );
    expect(event.timestamp).toBeCloseTo(Date.now() / 1000, -1);
    expect(JSON.stringify(event)).not.toContain("ghs_leak");
  });

  it("reads fatal lines, pino's numeric levels, another message key and thrown non-errors", () => {
    const fatal = errorEvent(
      { level: 60, time: 1, message: "Failed to start", err: "a string was thrown" },
      { messageKey: "message", stackParser },
    );
    expect(fatal.event).toMatchObject({
      level: "fatal",
      message: "Failed to start",
      exception: { values: [{ type: "Error", value: "a string was thrown" }] },
    });
    expect(fatal.user).toBeUndefined();
    const bare = errorEvent(
      { level: "error", msg: "Outbox poll failed" },
      {
        messageKey: "msg",
        stackParser,
      },
    );
    expect(bare.event.exception).toBeUndefined();
    expect(bare.event.message).toBe("Outbox poll failed");
  });
});

describe("createErrorReporter", () => {
  let sentry: Server;
  let received: { url: string; body: string }[];
  let answer: { status: number; headers?: Record<string, string> };
  let dsn: string;

  beforeEach(async () => {
    received = [];
    answer = { status: 200 };
    sentry = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => {
        body += chunk;
      });
      req.on("end", () => {
        received.push({ url: req.url ?? "", body });
        res.writeHead(answer.status, answer.headers).end("{}");
      });
    });
    await new Promise<void>((resolve) => sentry.listen(0, "127.0.0.1", resolve));
    dsn = `http://abc123@127.0.0.1:${(sentry.address() as AddressInfo).port}/42`;
  });

  afterEach(async () => {
    await new Promise((resolve) => sentry.close(resolve));
  });

  /** Each envelope's event item. */
  const events = () =>
    received.map(({ body }) => JSON.parse(body.split("\n")[2] ?? "{}") as Record<string, unknown>);

  it("sends error and fatal lines to the DSN's project, redacted, and nothing below", async () => {
    const reporter = createErrorReporter(dsn, { environment: "staging" });
    const { log, lines } = logTo(reporter);
    log.info("Delivery processed");
    log.warn("Effect failed; retrying");
    log.error({ token: "ghs_secret", err: new Error("boom") }, "Effect dead-lettered");
    log.fatal("Failed to start");
    expect(await reporter.flush(5000)).toBe(true);
    expect(lines).toHaveLength(4);
    expect(received).toHaveLength(2);
    for (const { url } of received) {
      expect(url).toMatch(/^\/api\/42\/envelope\/\?.*sentry_key=abc123/);
    }
    expect(events()).toEqual([
      expect.objectContaining({
        level: "error",
        message: "Effect dead-lettered",
        environment: "staging",
        extra: expect.objectContaining({ token: "[redacted]" }),
      }),
      expect.objectContaining({ level: "fatal", message: "Failed to start" }),
    ]);
    expect(received.map(({ body }) => body).join("")).not.toContain("ghs_secret");
  });

  it("reads lines with pino's numeric levels", async () => {
    const reporter = createErrorReporter(dsn);
    const { log, lines } = logTo(reporter, { levelInString: false });
    log.warn("not sent");
    log.error("sent");
    expect(await reporter.flush(5000)).toBe(true);
    expect(recordsOf(lines).map((record) => record.level)).toEqual([40, 50]);
    expect(events()).toEqual([expect.objectContaining({ level: "error", message: "sent" })]);
  });

  it("stops sending while Sentry says it is rate limited", async () => {
    answer = { status: 429, headers: { "retry-after": "60" } };
    const reporter = createErrorReporter(dsn);
    const { log } = logTo(reporter);
    log.error("first");
    await reporter.flush(5000);
    log.error("second");
    log.error("third");
    await reporter.flush(5000);
    expect(events().map((event) => event.message)).toEqual(["first"]);
  });

  it("keeps logging when Sentry cannot be reached, and never throws", async () => {
    await new Promise((resolve) => sentry.close(resolve));
    const reporter = createErrorReporter(dsn);
    const { log, lines } = logTo(reporter);
    expect(() => log.error({ err: new Error("boom") }, "Request failed")).not.toThrow();
    log.info("still logging");
    await reporter.flush(5000);
    expect(recordsOf(lines).map((record) => record.msg)).toEqual([
      "Request failed",
      "still logging",
    ]);
    sentry = createServer().listen(0);
  });

  it("skips lines below error and lines that are not JSON", async () => {
    const reporter = createErrorReporter(dsn);
    reporter.capture('{"level":"error",');
    reporter.capture('{"level":"error"}');
    reporter.capture('{"level":"warn","msg":"not an error"}');
    reporter.capture("[1]");
    expect(await reporter.flush(5000)).toBe(true);
    expect(events()).toEqual([expect.objectContaining({ level: "error" })]);
  });
});
