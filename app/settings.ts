import { getPrivateKey } from "@probot/get-private-key";
import { z } from "zod";

/** Everything the process reads from its environment, parsed once at the entry. */
export interface Settings {
  production: boolean;
  host: string | undefined;
  port: number;
  webhookPath: string;
  webhookProxyUrl: string | undefined;
  /** Unset until the GitHub App is registered: the server then offers Probot's setup page. */
  github: GitHubAppSettings | undefined;
  githubApiUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  databasePoolSize: number;
  log: LogSettings;
  shutdownTimeoutMs: number;
  /** The App's slug (its URL name): `@<slug> approve` addresses it. */
  appSlug: string;
  /** Where GitHub Actions reach this server: stage results are POSTed under it. */
  publicUrl: string;
  oidc: { issuer: string; jwksUrl: string; audience: string };
}

export interface GitHubAppSettings {
  appId: number;
  privateKey: string;
  webhookSecret: string;
}

const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
// Any case: LOG_LEVEL=INFO is a common spelling, and pino knows only lower case.
const logLevelSchema = z.string().toLowerCase().pipe(z.enum(LOG_LEVELS));
/** JSON lines (the default, for collectors), or Probot's human-readable look. */
const logFormatSchema = z.enum(["json", "pretty"]);
export type LogFormat = z.output<typeof logFormatSchema>;

/** How the process logs, and where its errors are reported. */
export interface LogSettings {
  level: LogLevel;
  format: LogFormat;
  /** The level as a word (`"info"`, the default here) or as pino's number (`30`, Probot's default). */
  levelInString: boolean;
  /** The field that holds a line's message. */
  messageKey: string;
  /** A Sentry project's DSN: error and fatal lines are reported there. */
  sentryDsn: string | undefined;
}

const logEnvShape = {
  LOG_LEVEL: logLevelSchema.default("info"),
  LOG_FORMAT: logFormatSchema.default("json"),
  LOG_LEVEL_IN_STRING: z
    .enum(["true", "false"], { error: 'must be "true" or "false"' })
    .default("true"),
  LOG_MESSAGE_KEY: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be a field name such as msg or message")
    .default("msg"),
  SENTRY_DSN: z
    .url({ protocol: /^https?$/, error: "must be a Sentry DSN, https://<key>@<host>/<project>" })
    .optional(),
};
/** The logger's variables, also read alone: see `readLogSettings` and `checkLogSettings`. */
const logEnvSchema = z.object(logEnvShape);

function toLogSettings(vars: z.output<typeof logEnvSchema>): LogSettings {
  return {
    level: vars.LOG_LEVEL,
    format: vars.LOG_FORMAT,
    levelInString: vars.LOG_LEVEL_IN_STRING === "true",
    messageKey: vars.LOG_MESSAGE_KEY,
    sentryDsn: vars.SENTRY_DSN,
  };
}

const envSchema = logEnvSchema.extend({
  NODE_ENV: z.string().optional(),
  HOST: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  WEBHOOK_PATH: z.string().startsWith("/").default("/api/github/webhooks"),
  WEBHOOK_PROXY_URL: z.url().optional(),
  APP_ID: z.coerce.number().int().positive().optional(),
  WEBHOOK_SECRET: z.string().min(1).optional(),
  GHE_HOST: z.string().min(1).optional(),
  GHE_PROTOCOL: z.enum(["https", "http"]).default("https"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(25_000),
  APP_SLUG: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,33}$/, "must be the App's slug, as in github.com/apps/<slug>")
    .default("quantapilot"),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  OIDC_ISSUER: z.url().default("https://token.actions.githubusercontent.com"),
  OIDC_JWKS_URL: z.url().optional(),
  OIDC_AUDIENCE: z.string().min(1).optional(),
});

/** Thrown when the environment cannot run the app; the message says which variable to fix. */
export class SettingsError extends Error {
  override name = "SettingsError";
}

/**
 * Reads Probot's standard variables plus ours. Empty strings count as unset,
 * as a blank line in `.env` usually means "not configured".
 */
export function readSettings(env: NodeJS.ProcessEnv, cwd: string): Settings {
  const vars = parseEnv(envSchema, env);
  const production = vars.NODE_ENV === "production";
  const publicUrl = (vars.PUBLIC_URL ?? `http://localhost:${vars.PORT}`).replace(/\/+$/, "");
  return {
    production,
    host: vars.HOST,
    port: vars.PORT,
    webhookPath: vars.WEBHOOK_PATH,
    webhookProxyUrl: vars.WEBHOOK_PROXY_URL,
    github: readGitHubApp(vars, env, cwd, production),
    githubApiUrl: vars.GHE_HOST
      ? `${vars.GHE_PROTOCOL}://${vars.GHE_HOST}/api/v3`
      : "https://api.github.com",
    databaseUrl: vars.DATABASE_URL,
    dataDir: vars.DATA_DIR,
    databasePoolSize: vars.DATABASE_POOL_SIZE,
    log: toLogSettings(vars),
    shutdownTimeoutMs: vars.SHUTDOWN_TIMEOUT_MS,
    appSlug: vars.APP_SLUG,
    publicUrl,
    oidc: {
      issuer: vars.OIDC_ISSUER,
      jwksUrl: vars.OIDC_JWKS_URL ?? `${vars.OIDC_ISSUER.replace(/\/+$/, "")}/.well-known/jwks`,
      // The action asks for a token for this audience; the server's own URL is unique to it.
      audience: vars.OIDC_AUDIENCE ?? publicUrl,
    },
  };
}

/**
 * The logger's variables, read before the others so that whatever is wrong
 * with those can be logged. Never throws: a value that is not valid falls back
 * to its default here, and `readSettings` then refuses it, naming the variable.
 */
export function readLogSettings(env: NodeJS.ProcessEnv): LogSettings {
  return toLogSettings({
    LOG_LEVEL: lenient(logEnvShape.LOG_LEVEL, env.LOG_LEVEL),
    LOG_FORMAT: lenient(logEnvShape.LOG_FORMAT, env.LOG_FORMAT),
    LOG_LEVEL_IN_STRING: lenient(logEnvShape.LOG_LEVEL_IN_STRING, env.LOG_LEVEL_IN_STRING),
    LOG_MESSAGE_KEY: lenient(logEnvShape.LOG_MESSAGE_KEY, env.LOG_MESSAGE_KEY),
    SENTRY_DSN: lenient(logEnvShape.SENTRY_DSN, env.SENTRY_DSN),
  });
}

/** The value, or the schema's default when it is unset, empty or not valid. */
function lenient<T>(schema: z.ZodType<T>, value: string | undefined): T {
  const parsed = schema.safeParse(value || undefined);
  return parsed.success ? parsed.data : schema.parse(undefined);
}

/** For commands that read no other setting (`npm run migrate`): refuses a bad value as `readSettings` does. */
export function checkLogSettings(env: NodeJS.ProcessEnv): void {
  parseEnv(logEnvSchema, env);
}

/** Empty strings count as unset. Throws a SettingsError naming the first bad variable. */
function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SettingsError(`Environment variable ${String(issue?.path[0])}: ${issue?.message}`);
  }
  return parsed.data;
}

function readGitHubApp(
  vars: z.output<typeof envSchema>,
  env: NodeJS.ProcessEnv,
  cwd: string,
  production: boolean,
): GitHubAppSettings | undefined {
  const privateKey = getPrivateKey({ env, cwd }) ?? undefined;
  if (!vars.APP_ID || !privateKey) {
    if (production) {
      throw new SettingsError(
        "APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) are required when NODE_ENV=production; register the app first (run without NODE_ENV=production and open the setup page).",
      );
    }
    return undefined;
  }
  if (!vars.WEBHOOK_SECRET && production) {
    throw new SettingsError(
      "WEBHOOK_SECRET is required when NODE_ENV=production: without it anyone could forge webhooks. Set it to the secret of the GitHub App's webhook.",
    );
  }
  // Probot's own development default, so a freshly registered app works locally.
  return { appId: vars.APP_ID, privateKey, webhookSecret: vars.WEBHOOK_SECRET ?? "development" };
}
