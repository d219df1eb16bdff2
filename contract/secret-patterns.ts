/** A well-known credential format, recognised by its shape. */
export type SecretPattern = {
  /** Stable identifier, e.g. "github_token"; safe to show anywhere. */
  name: string;
  /** What a person reads in a refusal, e.g. "a GitHub token (ghp_…)". */
  description: string;
  regex: RegExp;
};

/** Where a secret-shaped string was found; never the string itself. */
export type SecretMatch = {
  pattern: string;
  /** UTF-16 offset of the match in the scanned text. */
  index: number;
  /** Length of the match, so a redactor can mask it without seeing it again. */
  length: number;
};

// Every pattern starts with a literal prefix and then repeats a single
// character class, so each runs in linear time on hostile input. Prefixes
// are anchored with \b or a lookbehind so a token glued to other text counts.
const PATTERNS: readonly SecretPattern[] = [
  {
    name: "github_token",
    description: "a GitHub token (ghp_, gho_, ghs_, ghu_, ghr_)",
    regex: /\bgh[pousr]_[A-Za-z0-9]{36,251}\b/g,
  },
  {
    name: "github_fine_grained_pat",
    description: "a GitHub fine-grained personal access token (github_pat_)",
    regex: /\bgithub_pat_[A-Za-z0-9_]{50,240}/g,
  },
  {
    name: "aws_access_key_id",
    description: "an AWS access key id (AKIA…, ASIA…)",
    regex: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g,
  },
  {
    name: "private_key",
    description: "a PEM private key",
    regex: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g,
  },
  {
    name: "slack_token",
    description: "a Slack token (xoxb-, xoxp-, …)",
    regex: /\bxox[abprs]-[A-Za-z0-9-]{10,250}/g,
  },
  {
    name: "anthropic_api_key",
    description: "an Anthropic API key (sk-ant-)",
    regex: /\bsk-ant-[A-Za-z0-9_-]{20,250}/g,
  },
  {
    // Project, service-account and admin keys carry a prefix; legacy keys are
    // 48 alphanumerics. A bare "sk-" plus words (sk-learn-…) is not a key.
    name: "openai_api_key",
    description: "an OpenAI API key (sk-…, sk-proj-)",
    regex: /\bsk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,250}|[A-Za-z0-9]{48}\b)/g,
  },
  {
    name: "google_api_key",
    description: "a Google API key (AIza…)",
    regex: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g,
  },
  {
    name: "npm_token",
    description: "an npm access token (npm_)",
    regex: /\bnpm_[A-Za-z0-9]{36}\b/g,
  },
  {
    name: "stripe_live_key",
    description: "a Stripe live secret key (sk_live_, rk_live_)",
    regex: /\b[rs]k_live_[A-Za-z0-9]{20,250}/g,
  },
  {
    // Header and payload are base64url JSON objects, so both start with "eyJ".
    name: "jwt",
    description: "a signed JSON Web Token (eyJ….eyJ….…)",
    regex: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{16,}/g,
  },
];

/** The patterns `findSecrets` looks for, in the order it tries them. */
export const SECRET_PATTERNS: readonly SecretPattern[] = Object.freeze(PATTERNS);

/**
 * Finds secret-shaped strings in `text`, ordered by position. It reports the
 * pattern and where, never the value, so the result can be logged or shown.
 * Where patterns overlap (a JWT inside a longer token), each is reported.
 */
export function findSecrets(text: string): SecretMatch[] {
  const found: SecretMatch[] = [];
  for (const { name, regex } of SECRET_PATTERNS) {
    // matchAll works on a copy of the regex, so the shared lastIndex is untouched.
    for (const match of text.matchAll(regex)) {
      found.push({ pattern: name, index: match.index, length: match[0].length });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The human description of a pattern name from `findSecrets`. */
export function describeSecretPattern(name: string): string {
  return SECRET_PATTERNS.find((p) => p.name === name)?.description ?? "a secret";
}
