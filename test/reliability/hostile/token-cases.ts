import { generateKeyPair, SignJWT } from "jose";
import type { LocalOidcIssuer } from "../../helpers/local-oidc-issuer.js";
import { startLocalOidcIssuer } from "../../helpers/local-oidc-issuer.js";
import { AUDIENCE, WORKFLOW_RUN } from "./hostile-world.js";

/** A bearer the result route must refuse before it reads the body, and how. */
export interface TokenCase {
  name: string;
  /** The Authorization header to send; `null` sends none. */
  header(issuer: LocalOidcIssuer): Promise<string | null>;
  status: 401 | 403;
  message: RegExp;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const bearer = (token: string) => `Bearer ${token}`;
const minted =
  (overrides: Record<string, unknown>, options = {}) =>
  async (issuer: LocalOidcIssuer) =>
    bearer(await issuer.mint(overrides, options));
const workflowAt = (ref: string, path = ".github/workflows/quantapilot.yml") => ({
  workflow_ref: `octo-org/octo-repo/${path}@${ref}`,
  job_workflow_ref: `octo-org/octo-repo/${path}@${ref}`,
});

// The same refusals, one claim at a time and with the route alone, are in
// app/routes/stage-result.test.ts and app/oidc/*.test.ts; here each goes
// through the real server, and the attacks a forger would try first are added.
export const TOKEN_CASES: TokenCase[] = [
  {
    name: "no Authorization header",
    header: async () => null,
    status: 401,
    message: /bearer token is required/i,
  },
  {
    name: "Basic instead of Bearer",
    header: async () => "Basic dXNlcjpwYXNz",
    status: 401,
    message: /bearer token is required/i,
  },
  {
    name: "a token that is not a JWT",
    header: async () => bearer("not.a.jwt"),
    status: 401,
    message: /./,
  },
  {
    name: "a forged token (another key, the issuer's kid)",
    header: async (issuer) =>
      bearer(await issuer.mint({}, { key: (await generateKeyPair("RS256")).privateKey })),
    status: 401,
    message: /signature/i,
  },
  {
    name: 'an unsigned token (alg "none")',
    header: async (issuer) =>
      bearer(`${base64url({ alg: "none", typ: "JWT" })}.${base64url(issuer.claims())}.`),
    status: 401,
    message: /./,
  },
  {
    name: "an HS256 token keyed with public data (algorithm confusion)",
    header: async (issuer) =>
      bearer(
        await new SignJWT(issuer.claims())
          .setProtectedHeader({ alg: "HS256", typ: "JWT" })
          .sign(new TextEncoder().encode(issuer.jwksUrl)),
      ),
    status: 401,
    message: /./,
  },
  {
    name: "a token from another issuer",
    header: async () => {
      const other = await startLocalOidcIssuer({ audience: AUDIENCE, runId: WORKFLOW_RUN });
      const token = await other.mint();
      await other.close();
      return bearer(token);
    },
    status: 401,
    message: /./,
  },
  {
    name: "an expired token",
    header: minted({}, { expiresIn: -600 }),
    status: 401,
    message: /expired/i,
  },
  {
    name: "a token for another audience",
    header: minted({}, { audience: "https://evil.test" }),
    status: 401,
    message: /audience/i,
  },
  {
    name: "a token from another repository",
    header: minted({ repository: "evil/octo-repo" }),
    status: 403,
    message: /repository/,
  },
  {
    name: "a token from a re-created namesake repository (other id)",
    header: minted({ repository_id: "666" }),
    status: 403,
    message: /repository/,
  },
  {
    name: "a token from a workflow edited on a PR branch",
    header: minted({ ...workflowAt("refs/pull/7/merge"), event_name: "pull_request" }),
    status: 403,
    message: /pull_request/,
  },
  {
    name: "a token from the workflow file on another branch",
    header: minted(workflowAt("refs/heads/feature")),
    status: 403,
    message: /default branch/,
  },
  {
    name: "a token from another workflow file on the default branch",
    header: minted(workflowAt("refs/heads/main", ".github/workflows/ci.yml")),
    status: 403,
    message: /quantapilot\.yml/,
  },
  {
    name: "a token from another workflow run",
    header: minted({ run_id: "123" }),
    status: 403,
    message: /run 123/,
  },
  {
    name: "a run a person started",
    header: minted({ actor: "mallory" }),
    status: 403,
    message: /mallory/,
  },
];
