import pino, { type DestinationStream, type Logger } from "pino";
import pinoPretty from "pino-pretty";
import { createErrorReporter, type ErrorReporter } from "./error-reports.js";
import { redactSecrets } from "./redact-secrets.js";
import { type LogSettings, readLogSettings } from "./settings.js";

type LoggerOptions = Pick<LogSettings, "level"> & Partial<LogSettings>;

/**
 * The app's logger: JSON lines, ISO time, the level as a word (or pino's
 * number), and every credential that rides along on a line or on a child's
 * bindings redacted (`redactSecrets`, which also serialises errors).
 */
export function createLogger(
  { level, levelInString = true, messageKey = "msg" }: LoggerOptions,
  destination?: DestinationStream,
): Logger {
  const logger = pino(
    {
      name: "quantapilot",
      level,
      messageKey,
      formatters: {
        ...(levelInString ? { level: (label: string) => ({ level: label }) } : {}),
        log: (object) => redactSecrets(object),
      },
      // Errors arrive already serialised by `redactSecrets`; serialising them
      // again would turn every `err.type` into "Object".
      serializers: {
        err: (err: unknown) => (err instanceof Error ? pino.stdSerializers.err(err) : err),
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
  return redactChildBindings(logger);
}

/**
 * pino applies its bindings formatter to the root only, so a child's bindings
 * are redacted here. Children are created from their parent's prototype, so
 * every descendant inherits this `child`.
 */
function redactChildBindings(logger: Logger): Logger {
  const child = logger.child;
  logger.child = function redactedChild(this: Logger, bindings, options) {
    return child.call(this, redactSecrets(bindings), options);
  } as Logger["child"];
  return logger;
}

/**
 * Where the lines go: stdout as they are (`json`), or through pino-pretty for
 * a person at a terminal (`pretty`, the look of Probot's own default). Either
 * way they are redacted first, and error lines are also handed to `reporter`.
 * Synchronous, so a fatal line is out before the process exits.
 */
export function logDestination(
  { format, messageKey = "msg" }: Pick<LogSettings, "format"> & Partial<LogSettings>,
  output?: DestinationStream,
  reporter?: ErrorReporter,
): DestinationStream | undefined {
  const lines =
    format === "json"
      ? output
      : pinoPretty({ destination: output ?? 1, sync: true, ignore: "pid,hostname", messageKey });
  if (!reporter) return lines;
  const to = lines ?? pino.destination({ dest: 1, sync: true });
  return {
    write(line: string) {
      to.write(line);
      reporter.capture(line);
    },
  };
}

/**
 * A process's logger, configured by its environment (`readLogSettings`:
 * never throws, so it can log what else is wrong), and `flush`, to await
 * before exiting so that the errors reported to Sentry are sent.
 */
export function processLogger(env: NodeJS.ProcessEnv): {
  log: Logger;
  flush(): Promise<void>;
} {
  const settings = readLogSettings(env);
  const reporter =
    settings.sentryDsn === undefined
      ? undefined
      : createErrorReporter(settings.sentryDsn, {
          messageKey: settings.messageKey,
          environment: env.NODE_ENV || "production",
        });
  return {
    log: createLogger(settings, logDestination(settings, undefined, reporter)),
    flush: async () => {
      await reporter?.flush(FLUSH_TIMEOUT_MS);
    },
  };
}

/** How long an exiting process waits for Sentry; past it, unsent reports are dropped. */
const FLUSH_TIMEOUT_MS = 2000;
