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

describe("readLogSettings", () => {
  it("reads LOG_LEVEL in any case and LOG_FORMAT, as readSettings does", () => {
    const env: Record<string, string> = { LOG_LEVEL: "WARN", LOG_FORMAT: "pretty" };
    expect(readLogSettings(env)).toEqual({ level: "warn", format: "pretty" });
    expect(read(env)).toMatchObject({ logLevel: "warn", logFormat: "pretty" });
    expect(readLogSettings({})).toEqual({ level: "info", format: "json" });
  });

  it("falls back to the defaults on values readSettings refuses, instead of throwing", () => {
    const env: Record<string, string> = { LOG_LEVEL: "verbose", LOG_FORMAT: "xml" };
    expect(readLogSettings(env)).toEqual({ level: "info", format: "json" });
    expect(() => read(env)).toThrow(SettingsError);
  });

  it("are checked alone, as readSettings checks them, by commands that read nothing else", () => {
    const bad: Record<string, string> = { LOG_LEVEL: "verbose" };
    expect(() => checkLogSettings(bad)).toThrow(SettingsError);
    expect(() => checkLogSettings(bad)).toThrow(/^Environment variable LOG_LEVEL: /);
    const pretty: Record<string, string> = { LOG_FORMAT: "pretty", LOG_LEVEL: "" };
    expect(() => checkLogSettings(pretty)).not.toThrow();
  });
});
