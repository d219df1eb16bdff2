import { encodedVariants } from "./redactor/encoded-variants.js";
import { findPatternSpans, maskSpans, type Span } from "./redactor/find-pattern-spans.js";

/** What a secret is replaced with. */
export const REDACTED = "[redacted]";

/** Shorter values are too likely to occur by chance ("true", "main") to be masked everywhere. */
export const MIN_SECRET_LENGTH = 8;

/** The environment secrets are read from (the entry passes `process.env`). */
export type Env = Readonly<Record<string, string | undefined>>;

const SECRET_NAME = /KEY|TOKEN|SECRET|PASSWORD|PASSWD|PRIVATE|CREDENTIAL/i;

// Named even though SECRET_NAME matches them: these are the ones that must
// never leak, and the list documents it.
const ALWAYS_SECRET = new Set([
  "ANTHROPIC_API_KEY",
  "OPENAI_API_KEY",
  "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
  "ACTIONS_RUNTIME_TOKEN",
  "GITHUB_TOKEN",
]);

// The password of a URL with credentials, as in DATABASE_URL=postgres://u:p@host/db.
const URL_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:([^@\s/]+)@/i;

/** Whether an environment variable's name says it holds a secret. */
export function isSecretEnvName(name: string): boolean {
  return ALWAYS_SECRET.has(name) || SECRET_NAME.test(name);
}

/** Masks secrets in everything that leaves the agent: tool results, prompts, logs, results. */
export interface Redactor {
  /** `text` with every known secret value and secret-shaped string replaced by {@link REDACTED}. */
  redact(text: string): string;
  /** A copy of a JSON-like value with every string redacted. */
  redactValue<T>(value: T): T;
  /** Adds a secret learnt later, e.g. the OIDC token once it is minted. */
  add(secret: string): void;
}

/**
 * Creates a redactor for the values of secret-looking environment variables
 * (see {@link isSecretEnvName}), URL passwords found in any variable, and
 * `extraSecrets` (e.g. the values of the config's `api_key_env` variables,
 * whose names may look harmless), each also in its URL-encoded,
 * JSON-escaped and base64 forms; and for secret-shaped strings of any origin
 * (contract/secret-patterns, PEM keys, authorization headers).
 */
export function createRedactor(env: Env, extraSecrets: readonly string[] = []): Redactor {
  const needles = new Set<string>();
  const add = (secret: string) => {
    const value = secret.trim();
    if (value.length < MIN_SECRET_LENGTH) return;
    for (const variant of encodedVariants(value)) {
      if (variant.length >= MIN_SECRET_LENGTH) needles.add(variant);
    }
  };
  for (const secret of [...secretsInEnv(env), ...extraSecrets]) add(secret);
  const redact = (text: string) => redactText(text, needles);
  return { redact, redactValue: (value) => redactDeep(value, redact), add };
}

function secretsInEnv(env: Env): string[] {
  const secrets: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (!value) continue;
    if (isSecretEnvName(name)) secrets.push(value);
    const password = URL_PASSWORD.exec(value)?.[1];
    if (password) secrets.push(password, safeDecode(password));
  }
  return secrets;
}

function redactText(text: string, needles: ReadonlySet<string>): string {
  const spans: Span[] = findPatternSpans(text);
  for (const needle of needles) {
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
      spans.push({ start: at, end: at + needle.length });
    }
  }
  return spans.length === 0 ? text : maskSpans(text, spans, REDACTED);
}

function redactDeep<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === "string") return redact(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redact)) as T;
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value).map(([key, item]) => [key, redactDeep(item, redact)]);
  return Object.fromEntries(entries) as T;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
