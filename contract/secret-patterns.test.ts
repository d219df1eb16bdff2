import { describe, expect, it } from "vitest";
import { describeSecretPattern, findSecrets, SECRET_PATTERNS } from "./secret-patterns.js";

// Secret-shaped fixtures are assembled at run time so this file never holds a
// string that GitHub's push protection or other scanners would flag.
const join = (...parts: string[]) => parts.join("");
const alnum = (n: number) => "aB3dE6gH9k".repeat(Math.ceil(n / 10)).slice(0, n);
const upper = (n: number) => "QWERTY2345ZXCVB7".repeat(Math.ceil(n / 16)).slice(0, n);
const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

const SAMPLES: [string, string][] = [
  ["github_token", join("gh", "p_", alnum(36))],
  ["github_token", join("gh", "o_", alnum(36))],
  ["github_token", join("gh", "s_", alnum(36))],
  ["github_token", join("gh", "u_", alnum(36))],
  ["github_fine_grained_pat", join("github", "_pat_", alnum(22), "_", alnum(59))],
  ["aws_access_key_id", join("AK", "IA", upper(16))],
  ["aws_access_key_id", join("AS", "IA", upper(16))],
  ["private_key", join("-----BEGIN ", "PRIVATE KEY-----")],
  ["private_key", join("-----BEGIN RSA ", "PRIVATE KEY-----")],
  ["private_key", join("-----BEGIN OPENSSH ", "PRIVATE KEY-----")],
  ["private_key", join("-----BEGIN EC ", "PRIVATE KEY-----")],
  ["private_key", join("-----BEGIN PGP ", "PRIVATE KEY BLOCK-----")],
  ["slack_token", join("xo", "xb-", "1234567890-", alnum(24))],
  ["slack_token", join("xo", "xp-", "1234567890-", alnum(24))],
  ["anthropic_api_key", join("sk-", "ant-api03-", alnum(80), "-", alnum(10))],
  ["openai_api_key", join("sk-", "proj-", alnum(60), "_", alnum(20))],
  ["openai_api_key", join("sk-", alnum(48))],
  ["google_api_key", join("AI", "za", alnum(35))],
  ["npm_token", join("np", "m_", alnum(36))],
  ["stripe_live_key", join("sk", "_live_", alnum(24))],
  ["jwt", `${b64url({ alg: "RS256" })}.${b64url({ sub: "x" })}.${alnum(43)}`],
];

describe("findSecrets", () => {
  it.each(SAMPLES)("finds %s", (pattern, secret) => {
    const text = `const config = {\n  key: "${secret}",\n};\n`;
    expect(findSecrets(text)).toEqual([
      { pattern, index: text.indexOf(secret), length: secret.length },
    ]);
  });

  it.each([
    ["an ordinary sentence", "The quick brown fox jumps over the lazy dog."],
    ["a word after sk-", "pip install sk-learn-compatible-estimators-for-everything"],
    ["a short ghp_ string", join("gh", "p_", alnum(10))],
    ["AKIA in lower case", join("ak", "ia", upper(16).toLowerCase())],
    ["a PEM public key", "-----BEGIN PUBLIC KEY-----"],
    ["a certificate", "-----BEGIN CERTIFICATE-----"],
    ["an unsigned JWT", `${b64url({ alg: "none" })}.${b64url({ sub: "x" })}.`],
    ["a git SHA", "c040cae0f0dc81641728557b80f09cfa23b83fe5"],
  ])("ignores %s", (_name, text) => {
    expect(findSecrets(text)).toEqual([]);
  });

  it("reports an Anthropic key once, not also as an OpenAI key", () => {
    const text = join("sk-", "ant-", alnum(40));
    expect(findSecrets(text).map((m) => m.pattern)).toEqual(["anthropic_api_key"]);
  });

  it("reports every secret, in order, without echoing any", () => {
    const aws = join("AK", "IA", upper(16));
    const github = join("gh", "s_", alnum(36));
    const text = `a=${github}\nb=${aws}\nc=${github}`;
    const found = findSecrets(text);
    expect(found.map((m) => m.pattern)).toEqual([
      "github_token",
      "aws_access_key_id",
      "github_token",
    ]);
    expect(found.map((m) => m.index)).toEqual([
      text.indexOf(github),
      text.indexOf(aws),
      text.lastIndexOf(github),
    ]);
    expect(JSON.stringify(found)).not.toContain(aws);
  });

  it("can be called again and again (no shared regex state)", () => {
    const text = join("gh", "p_", alnum(36));
    expect(findSecrets(text)).toHaveLength(1);
    expect(findSecrets(text)).toHaveLength(1);
  });

  it("stays linear on hostile input", () => {
    const started = performance.now();
    findSecrets(
      `${"-----BEGIN A ".repeat(20_000)}${"sk-proj-".repeat(20_000)}${"eyJ".repeat(50_000)}`,
    );
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("describes every pattern for a person", () => {
    for (const { name } of SECRET_PATTERNS) expect(describeSecretPattern(name)).toMatch(/^an? /);
    expect(describeSecretPattern("unknown")).toBe("a secret");
  });
});
