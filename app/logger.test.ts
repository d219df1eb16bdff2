import { Writable } from "node:stream";
import { expect, it } from "vitest";
import { createLogger } from "./logger.js";

it("redacts credentials wherever they ride along", () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const log = createLogger("info", sink);
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
