import {
  type CryptoKey,
  exportSPKI,
  generateKeyPair,
  importJWK,
  SignJWT,
  UnsecuredJWT,
} from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type LocalOidcIssuer,
  startLocalOidcIssuer,
} from "../../test/helpers/local-oidc-issuer.js";
import {
  createOidcVerifier,
  type OidcExpectation,
  type OidcVerifier,
} from "./verify-oidc-token.js";

const AUDIENCE = "https://quantapilot.test";
const expected: OidcExpectation = {
  repository: "octo-org/octo-repo",
  repositoryId: 1296269,
  runId: 9000001,
  defaultBranch: "main",
  workflowPath: ".github/workflows/quantapilot.yml",
  actor: "quantapilot[bot]",
};
const WORKFLOW = "octo-org/octo-repo/.github/workflows/quantapilot.yml";

let issuer: LocalOidcIssuer;
let verifier: OidcVerifier;

beforeAll(async () => {
  issuer = await startLocalOidcIssuer();
  verifier = createOidcVerifier({ issuer: issuer.issuer, audience: AUDIENCE });
});
afterAll(() => issuer.close());

// A token signed HS256 with the issuer's public key as the HMAC secret: the
// classic confusion attack against verifiers that trust the header's alg.
async function hs256WithPublicKey(): Promise<string> {
  const { keys } = (await (await fetch(issuer.jwksUrl)).json()) as { keys: [{ kid: string }] };
  const pem = await exportSPKI((await importJWK(keys[0], "RS256")) as CryptoKey);
  return new SignJWT(issuer.claims())
    .setProtectedHeader({ alg: "HS256", kid: keys[0].kid })
    .sign(new TextEncoder().encode(pem));
}

const unsignedWithAlg = (alg: string) =>
  `${Buffer.from(JSON.stringify({ alg })).toString("base64url")}.e30.`;
const otherKey = async () => (await generateKeyPair("RS256")).privateKey;
const now = () => Math.floor(Date.now() / 1000);
const fromRef = (ref: string) => ({
  workflow_ref: `${WORKFLOW}@${ref}`,
  job_workflow_ref: `${WORKFLOW}@${ref}`,
});

const CASES: [string, () => Promise<string>, string, RegExp][] = [
  [
    "a token signed by another key",
    async () => issuer.mint({}, { key: await otherKey() }),
    "signature",
    /does not verify/,
  ],
  [
    "a token naming a key the issuer never published",
    async () => issuer.mint({}, { key: await otherKey(), kid: "forged" }),
    "signature",
    /not signed by GitHub/,
  ],
  [
    "an expired token",
    () => issuer.mint({}, { expiresIn: -600 }),
    "expired",
    /expired at .*fresh token/,
  ],
  [
    "a token not valid yet",
    () => issuer.mint({ nbf: now() + 600 }),
    "not_yet_valid",
    /not valid yet/,
  ],
  [
    "a token for another audience",
    () => issuer.mint({}, { audience: "https://other.example" }),
    "audience",
    /audience is "https:\/\/other\.example"/,
  ],
  [
    "a token from another issuer",
    () => issuer.mint({ iss: "https://evil.example" }),
    "issuer",
    /issued by https:\/\/evil\.example/,
  ],
  [
    "a token for another repository",
    () => issuer.mint({ repository: "evil/repo" }),
    "repository",
    /evil\/repo, not octo-org\/octo-repo/,
  ],
  [
    "a token from another run",
    () => issuer.mint({ run_id: "9000002" }),
    "run",
    /run 9000002, not run 9000001/,
  ],
  [
    "a pull_request run",
    () => issuer.mint({ event_name: "pull_request", ...fromRef("refs/pull/1/merge") }),
    "event",
    /pull_request run/,
  ],
  [
    "the workflow from a PR merge ref",
    () => issuer.mint(fromRef("refs/pull/1/merge")),
    "workflow",
    /@refs\/pull\/1\/merge, not .*@refs\/heads\/main/,
  ],
  [
    "alg none",
    async () => new UnsecuredJWT(issuer.claims()).encode(),
    "algorithm",
    /signed with "none"; GitHub signs with RS256/,
  ],
  ["HS256 with the public key as secret", hs256WithPublicKey, "algorithm", /signed with "HS256"/],
  [
    "an endless alg, quoted short",
    async () => unsignedWithAlg("A".repeat(5_000)),
    "algorithm",
    /signed with "A{20}";/,
  ],
  ["garbage", async () => "not a token", "malformed", /not a well-formed/],
  ["three garbage parts", async () => "a.b.c", "malformed", /not a well-formed/],
  ["an empty string", async () => "", "malformed", /not a well-formed/],
  ["a huge token", async () => "e".repeat(20_000), "malformed", /too long/],
  [
    "a token without run_id",
    () => issuer.mint({ run_id: undefined }),
    "claims",
    /lacks valid run_id claim/,
  ],
  ["a token with a numeric run_id", () => issuer.mint({ run_id: 9000001 }), "claims", /run_id/],
  ["a token without exp", () => issuer.mint({ exp: undefined }), "claims", /lacks the exp claim/],
];

describe("createOidcVerifier", () => {
  it("accepts a token from the dispatched run of the default branch's workflow", async () => {
    const result = await verifier.verify(await issuer.mint(), expected);
    expect(result).toMatchObject({
      ok: true,
      claims: { run_id: "9000001", repository: "octo-org/octo-repo" },
    });
  });

  it("accepts any casing of the repository name, and no optional expectations", async () => {
    const loose = {
      repository: "Octo-Org/Octo-Repo",
      defaultBranch: "main",
      workflowPath: expected.workflowPath,
    };
    expect((await verifier.verify(await issuer.mint(), loose)).ok).toBe(true);
  });

  it.each(CASES)("refuses %s", async (_case, token, code, reason) => {
    const result = await verifier.verify(await token(), expected);
    expect(result).toMatchObject({ ok: false, code });
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it("fetches the issuer's keys once, through the injected fetch", async () => {
    let calls = 0;
    const counting: typeof fetch = (input, init) => {
      calls++;
      return fetch(input, init);
    };
    const own = createOidcVerifier({ issuer: issuer.issuer, audience: AUDIENCE, fetch: counting });
    for (let i = 0; i < 3; i++)
      expect((await own.verify(await issuer.mint(), expected)).ok).toBe(true);
    expect(calls).toBe(1);
  });

  it("says so when the issuer's keys cannot be fetched", async () => {
    const jwksUrl = "http://127.0.0.1:9/.well-known/jwks";
    const offline = createOidcVerifier({ issuer: issuer.issuer, jwksUrl, audience: AUDIENCE });
    const result = await offline.verify(await issuer.mint(), expected);
    expect(result).toMatchObject({ ok: false, code: "keys_unavailable" });
    if (!result.ok) expect(result.reason).toContain(jwksUrl);
  });
});
