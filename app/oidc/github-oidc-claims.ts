import { z } from "zod";

// GitHub sends ids as decimal strings ("repository_id": "1296269").
const decimal = z.string().regex(/^\d+$/, { message: "must be a decimal id" });

/**
 * The claims of a GitHub Actions OIDC token that QuantaPilot relies on;
 * others (runner_environment, workflow_sha, …) are kept as they come.
 */
export const githubOidcClaimsSchema = z.looseObject({
  iss: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  sub: z.string(),
  exp: z.number(),
  iat: z.number(),
  repository: z.string(),
  repository_id: decimal,
  repository_owner: z.string(),
  run_id: decimal,
  run_attempt: decimal,
  workflow_ref: z.string(),
  job_workflow_ref: z.string(),
  ref: z.string(),
  sha: z.string(),
  event_name: z.string(),
  actor: z.string(),
});
/** A verified token's claims. */
export type GitHubOidcClaims = z.output<typeof githubOidcClaimsSchema>;

/** Names the claims a token lacks or carries in the wrong shape, for the refusal. */
export function describeClaimIssues(error: z.ZodError): string {
  const claims = [...new Set(error.issues.map((issue) => String(issue.path[0] ?? "?")))];
  return `The token lacks valid ${claims.join(", ")} claim${claims.length > 1 ? "s" : ""}: it is not a GitHub Actions OIDC token.`;
}
