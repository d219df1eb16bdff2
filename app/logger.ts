import pino, { type DestinationStream, type Logger } from "pino";
import pinoPretty from "pino-pretty";
import { redactSecrets } from "./redact-secrets.js";
import type { LogFormat } from "./settings.js";

/**
 * The app's logger: JSON lines, ISO time, the level as a word, and every
 * credential that rides along on a line or on a child's bindings redacted
 * (`redactSecrets`, which also serialises errors).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const logger = pino(
    {
      name: "quantapilot",
      level,
      formatters: {
        level: (label) => ({ level: label }),
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
 * way they are redacted first. Synchronous, so a fatal line is out before the
 * process exits.
 */
export function logDestination(
  format: LogFormat,
  output?: DestinationStream,
): DestinationStream | undefined {
  if (format === "json") return output;
  return pinoPretty({ destination: output ?? 1, sync: true, ignore: "pid,hostname" });
}
