import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkLogSettings, readLogSettings, readSettings, SettingsError } from "./settings.js";

const emptyDir = mkdtempSync(join(tmpdir(), "qp-settings-"));
const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 1024,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});
const read = (env: Record<string, string>) => readSettings(env, emptyDir);

describe("readSettings", () => {
  it("runs on embedded defaults with nothing set", () => {
    const settings = read({});
    expect(settings).toMatchObject({
      port: 3000,
      webhookPath: "/api/github/webhooks",
      github: undefined,
      databaseUrl: undefined,
      dataDir: ".data",
      githubApiUrl: "https://api.github.com",
    });
  });

  it("reads Probot's variables", () => {
    const settings = read({
      APP_ID: "12",
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: "s",
      PORT: "8080",
    });
    expect(settings.github).toEqual({ appId: 12, privateKey, webhookSecret: "s" });
    expect(settings.port).toBe(8080);
  });

  it("accepts a base64 private key, as Probot does", () => {
    const settings = read({
      APP_ID: "12",
      PRIVATE_KEY: Buffer.from(privateKey).toString("base64"),
    });
    expect(settings.github?.privateKey).toContain("BEGIN PRIVATE KEY");
  });

  it("points at GitHub Enterprise Server when GHE_HOST is set", () => {
    expect(read({ GHE_HOST: "ghe.example.com" }).githubApiUrl).toBe(
      "https://ghe.example.com/api/v3",
    );
  });

  it("treats empty values as unset", () => {
    expect(read({ APP_ID: "", DATABASE_URL: "", PORT: "" }).port).toBe(3000);
  });

  it.each([
    [{ PORT: "http" }, /PORT/],
    [{ PORT: "70000" }, /PORT/],
    [{ APP_ID: "-1" }, /APP_ID/],
    [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL: must be a postgres:\/\/ URL/],
    [{ WEBHOOK_PATH: "hooks" }, /WEBHOOK_PATH/],
    [{ LOG_LEVEL: "loud" }, /LOG_LEVEL/],
    [{ LOG_FORMAT: "xml" }, /LOG_FORMAT/],
  ])("refuses %o with a message naming the variable", (env, message) => {
    expect(() => read(env)).toThrow(SettingsError);
    expect(() => read(env)).toThrow(message);
  });

  it("requires App credentials and a webhook secret in production", () => {
    expect(() => read({ NODE_ENV: "production" })).toThrow(/APP_ID and PRIVATE_KEY/);
    expect(() => read({ NODE_ENV: "production", APP_ID: "1", PRIVATE_KEY: privateKey })).toThrow(
      /WEBHOOK_SECRET is required/,
    );
  });

  it("uses Probot's development secret outside production", () => {
    expect(read({ APP_ID: "1", PRIVATE_KEY: privateKey }).github?.webhookSecret).toBe(
      "development",
    );
  });
});

const LOG_DEFAULTS = {
  level: "info",
  format: "json",
  levelInString: true,
  messageKey: "msg",
  sentryDsn: undefined,
};

describe("readLogSettings", () => {
  it("reads Probot's logging variables, LOG_LEVEL in any case, as readSettings does", () => {
    const env: Record<string, string> = {
      LOG_LEVEL: "WARN",
      LOG_FORMAT: "pretty",
      LOG_LEVEL_IN_STRING: "false",
      LOG_MESSAGE_KEY: "message",
      SENTRY_DSN: "https://abc123@o1.ingest.sentry.io/42",
    };
    const expected = {
      level: "warn",
      format: "pretty",
      levelInString: false,
      messageKey: "message",
      sentryDsn: "https://abc123@o1.ingest.sentry.io/42",
    };
    expect(readLogSettings(env)).toEqual(expected);
    expect(read(env).log).toEqual(expected);
    expect(readLogSettings({})).toEqual(LOG_DEFAULTS);
  });

  it("falls back to the defaults on values readSettings refuses, instead of throwing", () => {
    const env: Record<string, string> = {
      LOG_LEVEL: "verbose",
      LOG_FORMAT: "xml",
      LOG_LEVEL_IN_STRING: "yes",
      LOG_MESSAGE_KEY: "the message",
      SENTRY_DSN: "sentry.io/42",
    };
    expect(readLogSettings(env)).toEqual(LOG_DEFAULTS);
    expect(() => read(env)).toThrow(SettingsError);
  });

  it.each([
    ["LOG_LEVEL_IN_STRING", "yes", /must be "true" or "false"/],
    ["LOG_MESSAGE_KEY", "the message", /must be a field name/],
    ["SENTRY_DSN", "sentry.io/42", /must be a Sentry DSN/],
    ["SENTRY_DSN", "ftp://key@sentry.example/1", /must be a Sentry DSN/],
  ])("refuses %s=%s, naming the variable", (name, value, message) => {
    const env: Record<string, string> = { [name]: value };
    expect(() => read(env)).toThrow(new RegExp(`^Environment variable ${name}: `));
    expect(() => read(env)).toThrow(message);
    expect(() => checkLogSettings(env)).toThrow(message);
  });

  it("are checked alone, as readSettings checks them, by commands that read nothing else", () => {
    const bad: Record<string, string> = { LOG_LEVEL: "verbose" };
    expect(() => checkLogSettings(bad)).toThrow(SettingsError);
    expect(() => checkLogSettings(bad)).toThrow(/^Environment variable LOG_LEVEL: /);
    const pretty: Record<string, string> = { LOG_FORMAT: "pretty", LOG_LEVEL: "" };
    expect(() => checkLogSettings(pretty)).not.toThrow();
  });
});
