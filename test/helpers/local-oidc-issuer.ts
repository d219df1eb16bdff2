import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type CryptoKey,
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  type JWK,
  SignJWT,
} from "jose";
import {
  type ClaimTiming,
  githubOidcClaims,
  ISSUER_DEFAULTS,
  type IssuerDefaults,
} from "./github-oidc-claims.js";

export type { IssuerDefaults } from "./github-oidc-claims.js";

export type MintOptions = ClaimTiming & {
  /** Sign with another private key (a forgery); the header keeps the issuer's kid. */
  key?: CryptoKey;
  kid?: string;
};

export type LocalOidcIssuer = {
  issuer: string;
  jwksUrl: string;
  /** For @actions/core's getIDToken: ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN. */
  tokenRequestUrl: string;
  tokenRequestToken: string;
  /** How many times the JWKS was fetched, to test caching. */
  jwksRequests(): number;
  /** The claims `mint` would sign, for assertions. */
  claims(overrides?: Record<string, unknown>, timing?: ClaimTiming): Record<string, unknown>;
  /** A token shaped like GitHub's: header {typ, alg: RS256, kid}, the claims of a dispatch run. */
  mint(overrides?: Record<string, unknown>, options?: MintOptions): Promise<string>;
  close(): Promise<void>;
};

type State = { url: string; jwk: JWK; requestToken: string; jwksRequests: number };

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

// What GitHub's issuer serves, plus the runner's token-request endpoint.
async function route(
  request: IncomingMessage,
  response: ServerResponse,
  state: State,
  mint: (audience: string | undefined) => Promise<string>,
) {
  const url = new URL(request.url ?? "/", state.url);
  if (url.pathname === "/.well-known/openid-configuration") {
    return sendJson(response, 200, {
      issuer: state.url,
      jwks_uri: `${state.url}/.well-known/jwks`,
      response_types_supported: ["id_token"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
    });
  }
  if (url.pathname === "/.well-known/jwks") {
    state.jwksRequests++;
    return sendJson(response, 200, { keys: [state.jwk] });
  }
  if (url.pathname !== "/token") return sendJson(response, 404, { message: "Not Found" });
  if (request.headers.authorization !== `Bearer ${state.requestToken}`) {
    return sendJson(response, 401, { message: "Bad credentials" });
  }
  return sendJson(response, 200, {
    value: await mint(url.searchParams.get("audience") ?? undefined),
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

// One fresh RS256 key pair, published under its thumbprint as kid, as GitHub does.
async function createSigner() {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const sign = (claims: Record<string, unknown>, { key, kid: otherKid }: MintOptions) =>
    new SignJWT(claims)
      .setProtectedHeader({ typ: "JWT", alg: "RS256", kid: otherKid ?? kid })
      .sign(key ?? privateKey);
  return { jwk: { ...publicJwk, kid, alg: "RS256", use: "sig" }, sign };
}

/**
 * Starts an OIDC issuer on 127.0.0.1 that behaves like GitHub Actions': a
 * discovery document, a JWKS with one fresh RS256 key, and the runtime's
 * token-request endpoint. Close it in afterAll.
 */
export async function startLocalOidcIssuer(options: IssuerDefaults = {}): Promise<LocalOidcIssuer> {
  const defaults = { ...ISSUER_DEFAULTS, ...options };
  const signer = await createSigner();
  const state: State = { url: "", jwk: signer.jwk, requestToken: randomUUID(), jwksRequests: 0 };
  const claims = (overrides?: Record<string, unknown>, timing?: ClaimTiming) =>
    githubOidcClaims(state.url, defaults, overrides, timing);
  const mint = (overrides?: Record<string, unknown>, options: MintOptions = {}) =>
    signer.sign(claims(overrides, options), options);
  const mintFor = (audience: string | undefined) => mint({}, audience ? { audience } : {});
  const server = createServer((request, response) => void route(request, response, state, mintFor));
  state.url = await listen(server);
  return {
    issuer: state.url,
    jwksUrl: `${state.url}/.well-known/jwks`,
    tokenRequestUrl: `${state.url}/token?api-version=2.0`,
    tokenRequestToken: state.requestToken,
    jwksRequests: () => state.jwksRequests,
    claims,
    mint,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
