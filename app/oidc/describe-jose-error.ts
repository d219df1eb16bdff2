import { errors } from "jose";
import type { OidcFailure } from "./check-oidc-claims.js";

/** What the verifier was configured with, for sentences that say what was expected. */
export type VerifierContext = { issuer: string; audience: string; jwksUrl: string };

function describeClaimFailure(error: errors.JWTClaimValidationFailed, context: VerifierContext) {
  const { claim, reason, payload } = error;
  if (reason === "missing") {
    return { code: "claims", reason: `The token lacks the ${claim} claim.` } as const;
  }
  if (claim === "aud") {
    const reason = `The token's audience is ${JSON.stringify(payload.aud)}, not ${context.audience}: the action must request its token for the app's audience.`;
    return { code: "audience", reason } as const;
  }
  if (claim === "iss") {
    const reason = `The token was issued by ${String(payload.iss)}, not ${context.issuer}.`;
    return { code: "issuer", reason } as const;
  }
  if (claim === "nbf") {
    const reason =
      "The token is not valid yet (its nbf is in the future): check the server's clock.";
    return { code: "not_yet_valid", reason } as const;
  }
  return { code: "claims", reason: `The token's ${claim} claim is invalid.` } as const;
}

function describeKeysUnavailable(error: unknown, context: VerifierContext): OidcFailure {
  const detail = error instanceof Error ? error.message : String(error);
  const reason = `Could not fetch the issuer's signing keys from ${context.jwksUrl} (${detail}); the result can be sent again later.`;
  return { code: "keys_unavailable", reason };
}

/**
 * Turns what jose throws into a refusal a person can act on. Anything that is
 * not about the token itself (JWKS unreachable, timed out, not JSON) becomes
 * `keys_unavailable`, which the route answers with 503 rather than 401.
 */
export function describeJoseError(error: unknown, context: VerifierContext): OidcFailure {
  if (error instanceof errors.JWTExpired) {
    const reason = `The token expired at ${new Date(Number(error.payload.exp) * 1000).toISOString()}: the action must request a fresh token for each attempt.`;
    return { code: "expired", reason };
  }
  if (error instanceof errors.JWTClaimValidationFailed) return describeClaimFailure(error, context);
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey
  ) {
    const reason = `The token's signature does not verify with any key ${context.issuer} publishes: it was not signed by GitHub.`;
    return { code: "signature", reason };
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return { code: "malformed", reason: "The bearer token is not a well-formed signed JWT." };
  }
  return describeKeysUnavailable(error, context);
}
