import { describe, expect, it } from "vitest";
import { CENSOR, redactSecrets } from "./redact-secrets.js";

describe("redactSecrets", () => {
  it.each([
    [{ token: "ghs_a" }, { token: CENSOR }],
    [{ Authorization: "Bearer x" }, { Authorization: CENSOR }],
    [
      { headers: { "X-Hub-Signature-256": "sha256=ab" } },
      { headers: { "X-Hub-Signature-256": CENSOR } },
    ],
    [
      { a: { b: { c: { d: { password: "pw" } } } } },
      { a: { b: { c: { d: { password: CENSOR } } } } },
    ],
    [{ list: [{ private_key: "k" }, 1] }, { list: [{ private_key: CENSOR }, 1] }],
    [
      { apiKey: "sk-1", inputTokens: 5, tokens: 9 },
      { apiKey: CENSOR, inputTokens: 5, tokens: 9 },
    ],
  ])("hides secret keys at any depth and in any case: %j", (input, expected) => {
    expect(redactSecrets(input)).toEqual(expected);
  });

  it("returns the very object when nothing is secret, and never changes its input", () => {
    const clean = { deliveryId: "d1", repo: "o/r", nested: { n: 1 }, at: new Date(0) };
    expect(redactSecrets(clean)).toBe(clean);
    const dirty = { options: { secret: "s3" }, keep: { n: 1 } };
    const redacted = redactSecrets(dirty);
    expect(dirty.options.secret).toBe("s3");
    expect(redacted.keep).toBe(dirty.keep);
  });

  it("serialises errors and hides what rides on them (an Octokit error's request headers)", () => {
    const error = Object.assign(new Error("Bad credentials"), {
      status: 401,
      request: { method: "GET", headers: { authorization: "token ghs_leak" } },
    });
    const redacted = redactSecrets({ err: error }) as unknown as {
      err: { message: string; status: number; request: { headers: { authorization: string } } };
    };
    expect(redacted.err).toMatchObject({ message: "Bad credentials", status: 401 });
    expect(redacted.err.request.headers.authorization).toBe(CENSOR);
    expect(JSON.stringify(redacted)).not.toContain("ghs_leak");
  });

  it("survives cycles and leaves undefined secrets alone", () => {
    const cyclic: Record<string, unknown> = { token: undefined };
    cyclic.self = cyclic;
    expect(() => redactSecrets(cyclic)).not.toThrow();
    expect((redactSecrets(cyclic) as Record<string, unknown>).token).toBeUndefined();
  });
});
