import { describe, expect, it } from "vitest";
import { createRedactor, isSecretEnvName, REDACTED } from "./redactor.js";

// Secret-shaped fixtures are assembled at run time so this file never holds
// a string that push protection or other scanners would flag.
const join = (...parts: string[]) => parts.join("");
const ANTHROPIC_KEY = join("sk-", "ant-api03-", "Zx9".repeat(30));
const OPAQUE = "q7Vw2-opaque-token-Lm4";
const env = {
  ANTHROPIC_API_KEY: ANTHROPIC_KEY,
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: OPAQUE,
  MY_SERVICE_PASSWORD: "hunter2-but-longer",
  SHORT_TOKEN: "abc",
  HOME: "/home/runner",
  DATABASE_URL: "postgres://app:s3cr3t-pa55@db.internal:5432/app",
  GITHUB_REPOSITORY: "acme/widgets",
};

describe("isSecretEnvName", () => {
  it.each([
    ["ANTHROPIC_API_KEY", true],
    ["GITHUB_TOKEN", true],
    ["ACTIONS_RUNTIME_TOKEN", true],
    ["NPM_AUTH_TOKEN", true],
    ["AWS_SECRET_ACCESS_KEY", true],
    ["DB_PASSWORD", true],
    ["GPG_PRIVATE", true],
    ["GOOGLE_APPLICATION_CREDENTIALS", true],
    ["PATH", false],
    ["GITHUB_REPOSITORY", false],
    // Not secret, but named like one: masking too much is the safe mistake.
    ["ACTIONS_ID_TOKEN_REQUEST_URL", true],
    ["RUNNER_TEMP", false],
  ])("%s → %s", (name, secret) => {
    expect(isSecretEnvName(name)).toBe(secret);
  });
});

describe("the redactor", () => {
  const redactor = createRedactor(env);

  it("masks the values of secret-named variables wherever they appear", () => {
    const text = `key=${ANTHROPIC_KEY}\ntoken ${OPAQUE}; pw:${env.MY_SERVICE_PASSWORD}.`;
    expect(redactor.redact(text)).toBe(`key=${REDACTED}\ntoken ${REDACTED}; pw:${REDACTED}.`);
  });

  it("leaves short values and harmless variables alone", () => {
    expect(redactor.redact("abc at /home/runner for acme/widgets")).toBe(
      "abc at /home/runner for acme/widgets",
    );
  });

  it("masks the password of a URL in any variable, not the rest of the URL", () => {
    expect(redactor.redact("connecting to postgres://app:s3cr3t-pa55@db.internal")).toBe(
      `connecting to postgres://app:${REDACTED}@db.internal`,
    );
  });

  it.each([
    ["base64", (v: string) => Buffer.from(v).toString("base64")],
    ["base64url", (v: string) => Buffer.from(v).toString("base64url")],
    ["base64 after a prefix", (v: string) => Buffer.from(`x-access-token:${v}`).toString("base64")],
    ["base64 after 1 byte", (v: string) => Buffer.from(`:${v}`).toString("base64")],
    ["base64 after 2 bytes", (v: string) => Buffer.from(`ab${v}`).toString("base64")],
    ["URL-encoded", (v: string) => encodeURIComponent(`${v}/&`)],
  ])("masks a secret value written as %s", (_, encode) => {
    const encoded = encode(OPAQUE);
    const redacted = redactor.redact(`value: ${encoded}`);
    expect(redacted).toContain(REDACTED);
    expect(redacted).not.toContain(encoded);
    expect(redacted.length).toBeLessThan(`value: ${encoded}`.length + REDACTED.length);
  });

  it("masks secret-shaped strings it was never told about", () => {
    const token = join("gh", "p_", "aB3dE6gH9k".repeat(4).slice(0, 36));
    expect(createRedactor({}).redact(`push with ${token} now`)).toBe(`push with ${REDACTED} now`);
  });

  it("masks a whole PEM private key, not just its first line", () => {
    const pem = [
      join("-----BEGIN RSA ", "PRIVATE KEY-----"),
      "MIIEowIBAAKCAQEAx1",
      "c2VjcmV0LWJvZHk=",
      join("-----END RSA ", "PRIVATE KEY-----"),
    ].join("\n");
    expect(createRedactor({}).redact(`before\n${pem}\nafter`)).toBe(`before\n${REDACTED}\nafter`);
  });

  it("masks the credential of an authorization header, as actions/checkout persists it", () => {
    const header = "AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46c29tZXRoaW5n";
    expect(createRedactor({}).redact(`extraheader = ${header}`)).toBe(
      `extraheader = AUTHORIZATION: basic ${REDACTED}`,
    );
  });

  it("takes extra secrets and secrets learnt later", () => {
    const custom = createRedactor({}, ["custom-llm-key-123"]);
    custom.add("oidc-token-learnt-later");
    expect(custom.redact("custom-llm-key-123 oidc-token-learnt-later")).toBe(
      `${REDACTED} ${REDACTED}`,
    );
  });

  it("masks a secret inside a longer one with one mask", () => {
    const outer = createRedactor({}, ["abcdefgh", "xxabcdefghyy"]);
    expect(outer.redact("[xxabcdefghyy]")).toBe(`[${REDACTED}]`);
  });

  it("redacts every string of a JSON-like value, leaving its shape", () => {
    const value = { a: [OPAQUE, 1, null], b: { c: `x${OPAQUE}` }, d: true };
    expect(redactor.redactValue(value)).toEqual({
      a: [REDACTED, 1, null],
      b: { c: `x${REDACTED}` },
      d: true,
    });
  });
});
