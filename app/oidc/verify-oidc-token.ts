import {
  createRemoteJWKSet,
  customFetch,
  decodeProtectedHeader,
  type JWTPayload,
  jwtVerify,
} from "jose";
import { checkOidcClaims, type OidcExpectation, type OidcFailure } from "./check-oidc-claims.js";
import { describeJoseError, type VerifierContext } from "./describe-jose-error.js";
import {
  describeClaimIssues,
  type GitHubOidcClaims,
  githubOidcClaimsSchema,
} from "./github-oidc-claims.js";

export type { OidcExpectation, OidcFailure, OidcFailureCode } from "./check-oidc-claims.js";
export type { GitHubOidcClaims } from "./github-oidc-claims.js";

/** GitHub.com's issuer; on GitHub Enterprise Server it is `https://HOSTNAME/_services/token`. */
export const GITHUB_ACTIONS_ISSUER = "https://token.actions.githubusercontent.com";

export type OidcVerifierOptions = {
  /** The audience the action requests its token for: the app's own URL. */
  audience: string;
  issuer?: string;
  /** Default: `<issuer>/.well-known/jwks`. */
  jwksUrl?: string;
  fetch?: typeof fetch;
  /** Allowed clock skew between GitHub and this server, in seconds. Default 60. */
  clockToleranceSeconds?: number;
};

export type OidcVerification =
  | { ok: true; claims: GitHubOidcClaims }
  | ({ ok: false } & OidcFailure);

export type OidcVerifier = {
  /** Never throws: every refusal, including an unreachable JWKS, is a result with a reason. */
  verify(token: string, expected: OidcExpectation): Promise<OidcVerification>;
};

// GitHub's tokens are about 1,200 characters; anything far longer is not one.
const MAX_TOKEN_LENGTH = 16_384;

// GitHub signs with RS256 only. Checking the header first refuses "none" and
// HS256-with-the-public-key tricks with a clear reason, before any key lookup.
function checkHeader(token: string): OidcFailure | undefined {
  if (token.length > MAX_TOKEN_LENGTH) {
    return { code: "malformed", reason: "The bearer token is too long to be a GitHub OIDC token." };
  }
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    return { code: "malformed", reason: "The bearer token is not a well-formed signed JWT." };
  }
  if (alg === "RS256") return undefined;
  // The header is not verified yet: quote at most a few characters of it.
  const named = JSON.stringify(String(alg).slice(0, 20));
  return {
    code: "algorithm",
    reason: `The token is signed with ${named}; GitHub signs with RS256.`,
  };
}

type JwtVerifyOptions = Parameters<typeof jwtVerify>[2];
type Keys = ReturnType<typeof createRemoteJWKSet>;
type Signed = { ok: true; payload: JWTPayload } | ({ ok: false } & OidcFailure);

async function verifySignature(
  token: string,
  keys: Keys,
  options: JwtVerifyOptions,
  context: VerifierContext,
): Promise<Signed> {
  const header = checkHeader(token);
  if (header !== undefined) return { ok: false, ...header };
  try {
    const { payload } = await jwtVerify(token, keys, options);
    return { ok: true, payload };
  } catch (error) {
    return { ok: false, ...describeJoseError(error, context) };
  }
}

function checkPayload(payload: JWTPayload, expected: OidcExpectation): OidcVerification {
  const claims = githubOidcClaimsSchema.safeParse(payload);
  if (!claims.success)
    return { ok: false, code: "claims", reason: describeClaimIssues(claims.error) };
  const failure = checkOidcClaims(claims.data, expected);
  return failure === undefined ? { ok: true, claims: claims.data } : { ok: false, ...failure };
}

/**
 * Verifies the bearer of a stage result: a GitHub Actions OIDC token, signed
 * by the issuer's published keys (fetched once and cached by jose), for our
 * audience, and, through `verify`'s expectation, minted by the workflow run
 * the app dispatched from the default branch's quantapilot.yml.
 */
export function createOidcVerifier(options: OidcVerifierOptions): OidcVerifier {
  const issuer = options.issuer ?? GITHUB_ACTIONS_ISSUER;
  const context: VerifierContext = {
    issuer,
    audience: options.audience,
    jwksUrl: options.jwksUrl ?? `${issuer.replace(/\/+$/, "")}/.well-known/jwks`,
  };
  const fetchOption = options.fetch === undefined ? {} : { [customFetch]: options.fetch };
  const keys = createRemoteJWKSet(new URL(context.jwksUrl), fetchOption);
  const verifyOptions: JwtVerifyOptions = {
    issuer,
    audience: options.audience,
    algorithms: ["RS256"],
    requiredClaims: ["exp", "iat"],
    clockTolerance: options.clockToleranceSeconds ?? 60,
  };
  return {
    async verify(token, expected) {
      const signed = await verifySignature(token, keys, verifyOptions, context);
      return signed.ok ? checkPayload(signed.payload, expected) : signed;
    },
  };
}
