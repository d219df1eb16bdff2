import {
  createStackParser,
  createTransport,
  type Event,
  type Exception,
  Scope,
  type StackParser,
} from "@sentry/core";
import { nodeStackLineParser, ServerRuntimeClient } from "@sentry/core/server";

/** Errors and fatal lines sent on to Sentry (`SENTRY_DSN`), as Probot does. */
export interface ErrorReporter {
  /** One log line, as JSON (already redacted); lines below `error` are skipped. */
  capture(line: string): void;
  /** Resolves once what was captured is sent, or after `timeoutMs`; false if not all was. */
  flush(timeoutMs: number): Promise<boolean>;
}

// pino writes the level first: a line below `error` is skipped without being parsed.
const ERROR_LINE = /^\{"level":(?:"(?:error|fatal)"|5\d|6\d)[,}]/;
/** Fields that say where an error happened, searchable as Sentry tags. */
const TAGS = ["event", "action", "deliveryId", "repo", "stageRunId", "effectId", "kind"] as const;
/** pino's own fields, or ones the event carries elsewhere. */
const NOT_EXTRA = new Set(["level", "time", "pid", "hostname", "err", "installationId"]);

/**
 * Reports to the Sentry project of `dsn`. Built on `@sentry/core`'s client
 * rather than `@sentry/node`, which would also instrument http, fetch and
 * postgres in this process: only what is logged at `error` or `fatal` is
 * sent, built from the line pino wrote, so it carries nothing the redaction
 * removed. Sending never throws and never logs (a failure to report an error
 * must not become another error line); the client drops what it cannot send
 * and honours Sentry's rate limits.
 */
export function createErrorReporter(
  dsn: string,
  {
    messageKey = "msg",
    environment = "production",
  }: { messageKey?: string; environment?: string } = {},
): ErrorReporter {
  const stackParser = createStackParser(nodeStackLineParser());
  const client = new ServerRuntimeClient({
    dsn,
    environment,
    integrations: [],
    stackParser,
    platform: "node",
    runtime: { name: "node", version: process.version },
    transport: (options) =>
      createTransport(options, async (request) => {
        const response = await fetch(options.url, {
          method: "POST",
          body: request.body,
          headers: options.headers ?? {},
          signal: AbortSignal.timeout(10_000),
        });
        await response.arrayBuffer();
        return {
          statusCode: response.status,
          headers: {
            "x-sentry-rate-limits": response.headers.get("x-sentry-rate-limits"),
            "retry-after": response.headers.get("retry-after"),
          },
        };
      }),
  });
  client.init();
  return {
    capture(line) {
      if (!ERROR_LINE.test(line)) return;
      let record: Record<string, unknown>;
      try {
        // An object: the line starts with `{"level":`.
        record = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      const { event, user } = errorEvent(record, { messageKey, stackParser });
      const scope = new Scope();
      if (user) scope.setUser(user);
      client.captureEvent(event, undefined, scope);
    },
    flush: async (timeoutMs) => client.flush(timeoutMs),
  };
}

/**
 * The Sentry event of one error log line: its message and level, the logged
 * error as the exception (its stack parsed into frames), where it happened
 * as tags, the rest as extras, and the installation as the user, as Probot
 * reports it.
 */
export function errorEvent(
  record: Record<string, unknown>,
  { messageKey, stackParser }: { messageKey: string; stackParser: StackParser },
): { event: Event; user?: { id: string } } {
  const level = record.level === "fatal" || record.level === 60 ? "fatal" : "error";
  const message = typeof record[messageKey] === "string" ? record[messageKey] : undefined;
  const tags: Record<string, string> = {};
  for (const key of TAGS) {
    const value = record[key];
    if (typeof value === "string" || typeof value === "number") tags[key] = String(value);
  }
  const extra = Object.fromEntries(
    Object.entries(record).filter(
      ([key]) => key !== messageKey && !NOT_EXTRA.has(key) && !(key in tags),
    ),
  );
  const time = typeof record.time === "string" ? Date.parse(record.time) : Number.NaN;
  const exception = exceptionOf(record.err, message, stackParser);
  const event: Event = {
    level,
    ...(message === undefined ? {} : { message }),
    ...(exception ? { exception: { values: [exception] } } : {}),
    ...(Number.isNaN(time) ? {} : { timestamp: time / 1000 }),
    tags,
    extra,
  };
  const installation = record.installationId;
  const user =
    typeof installation === "number" || typeof installation === "string"
      ? { id: String(installation) }
      : undefined;
  return user ? { event, user } : { event };
}

/** An error as pino serialised it (`type`, `message`, `stack`), or a thrown non-error. */
function exceptionOf(
  err: unknown,
  message: string | undefined,
  stackParser: StackParser,
): Exception | undefined {
  if (err === undefined) return undefined;
  if (typeof err !== "object" || err === null) {
    return { type: "Error", value: typeof err === "string" ? err : JSON.stringify(err) };
  }
  const { type, message: value, stack } = err as Record<string, unknown>;
  const frames = typeof stack === "string" ? stackParser(stack) : [];
  return {
    type: typeof type === "string" ? type : "Error",
    value: typeof value === "string" ? value : (message ?? ""),
    ...(frames.length > 0 ? { stacktrace: { frames } } : {}),
  };
}
