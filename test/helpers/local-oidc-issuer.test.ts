import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOidcVerifier } from "../../app/oidc/verify-oidc-token.js";
import { type LocalOidcIssuer, startLocalOidcIssuer } from "./local-oidc-issuer.js";

const AUDIENCE = "https://quantapilot.test";
const expected = {
  repository: "octo-org/octo-repo",
  runId: 9000001,
  defaultBranch: "main",
  workflowPath: ".github/workflows/quantapilot.yml",
};

let issuer: LocalOidcIssuer;
beforeAll(async () => {
  issuer = await startLocalOidcIssuer();
});
afterAll(() => issuer.close());

describe("startLocalOidcIssuer", () => {
  it("serves a discovery document pointing at its JWKS", async () => {
    const discovery = await (
      await fetch(`${issuer.issuer}/.well-known/openid-configuration`)
    ).json();
    expect(discovery).toMatchObject({ issuer: issuer.issuer, jwks_uri: issuer.jwksUrl });
  });

  it("hands out tokens like the Actions runtime, only to its request token", async () => {
    const url = `${issuer.tokenRequestUrl}&audience=${encodeURIComponent(AUDIENCE)}`;
    const refused = await fetch(url, { headers: { authorization: "Bearer wrong" } });
    expect(refused.status).toBe(401);
    const granted = await fetch(url, {
      headers: { authorization: `Bearer ${issuer.tokenRequestToken}` },
    });
    const { value } = (await granted.json()) as { value: string };
    const verifier = createOidcVerifier({ issuer: issuer.issuer, audience: AUDIENCE });
    expect((await verifier.verify(value, expected)).ok).toBe(true);
  });

  it("mints the claims GitHub Actions sends for a dispatch on the default branch", () => {
    const claims = issuer.claims();
    expect(claims).toMatchObject({
      iss: issuer.issuer,
      aud: AUDIENCE,
      sub: "repo:octo-org/octo-repo:ref:refs/heads/main",
      repository_id: "1296269",
      run_id: "9000001",
      event_name: "workflow_dispatch",
      job_workflow_ref: "octo-org/octo-repo/.github/workflows/quantapilot.yml@refs/heads/main",
    });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(300);
    expect(issuer.claims({ actor: undefined })).not.toHaveProperty("actor");
  });
});
