import { Writable } from "node:stream";
import { expect, it } from "vitest";
import { createLogger, logDestination } from "./logger.js";

/** A destination that keeps what is written to it. */
function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, sink };
}

it("redacts credentials wherever they ride along", () => {
  const { lines, sink } = capture();
  const log = createLogger({ level: "info" }, sink);
  log.info({ headers: { authorization: "token ghs_abc123" } }, "request");
  log.info({ request: { headers: { authorization: "Bearer eyJ" } } }, "octokit");
  log.info(
    { github: { privateKey: "-----BEGIN PRIVATE KEY-----", webhookSecret: "hush" } },
    "settings",
  );
  log.info({ token: "ghs_secret", options: { password: "pw", secret: "s3" } }, "misc");
  const text = lines.join("");
  for (const secret of [
    "ghs_abc123",
    "eyJ",
    "BEGIN PRIVATE KEY",
    "hush",
    "ghs_secret",
    '"pw"',
    "s3",
  ]) {
    expect(text).not.toContain(secret);
  }
  expect(text.match(/\[redacted\]/g)?.length).toBe(7);
});

it("redacts child bindings and errors logged as the first argument", () => {
  const { lines, sink } = capture();
  const log = createLogger({ level: "info" }, sink).child({ deliveryId: "d1", token: "ghs_bound" });
  const error = Object.assign(new Error("Not Found"), {
    request: { headers: { authorization: "token ghs_on_error" } },
  });
  log.error(error);
  log.error({ err: error }, "failed");
  const text = lines.join("");
  expect(text).not.toContain("ghs_bound");
  expect(text).not.toContain("ghs_on_error");
  const [first] = lines.map((line) => JSON.parse(line));
  expect(first).toMatchObject({ deliveryId: "d1", msg: "Not Found", err: { type: "Error" } });
  expect(first.err.stack).toContain("Not Found");
});

it("writes redacted lines for people with LOG_FORMAT=pretty, and JSON lines otherwise", () => {
  const { lines, sink } = capture();
  const pretty = createLogger({ level: "info" }, logDestination({ format: "pretty" }, sink));
  pretty.info({ deliveryId: "d1", token: "ghs_pretty" }, "Delivery processed");
  const text = lines.join("");
  expect(text).toMatch(/INFO.*Delivery processed/);
  expect(text).toContain('deliveryId: "d1"');
  expect(text).toContain("[redacted]");
  expect(text).not.toContain("ghs_pretty");
  expect(() => JSON.parse(text)).toThrow();
  lines.length = 0;
  createLogger({ level: "info" }, logDestination({ format: "json" }, sink)).info("plain");
  expect(JSON.parse(lines.join(""))).toMatchObject({ level: "info", msg: "plain" });
});

it("puts the message under LOG_MESSAGE_KEY and the level as pino's number when asked, pretty or not", () => {
  const { lines, sink } = capture();
  const options = { level: "info", messageKey: "message", levelInString: false } as const;
  createLogger(options, logDestination({ format: "json" }, sink)).warn("as JSON");
  expect(JSON.parse(lines.join(""))).toMatchObject({ level: 40, message: "as JSON" });
  expect(JSON.parse(lines.join(""))).not.toHaveProperty("msg");
  lines.length = 0;
  createLogger(options, logDestination({ format: "pretty", messageKey: "message" }, sink)).warn(
    "for people",
  );
  expect(lines.join("")).toMatch(/WARN.*for people/);
});
