import pino, { type DestinationStream, type Logger } from "pino";

/**
 * Key paths whose values never reach a log line: credentials of every kind
 * that may ride along on an error, a request or an options object.
 */
export const REDACTED_PATHS = [
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "*.*.headers.authorization",
  'headers["x-hub-signature"]',
  'headers["x-hub-signature-256"]',
  '*.headers["x-hub-signature-256"]',
  "token",
  "*.token",
  "*.*.token",
  "privateKey",
  "*.privateKey",
  "private_key",
  "*.private_key",
  "secret",
  "*.secret",
  "webhookSecret",
  "*.webhookSecret",
  "webhook_secret",
  "*.webhook_secret",
  "password",
  "*.password",
  "databaseUrl",
  "*.databaseUrl",
  "pem",
  "*.pem",
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      name: "quantapilot",
      level,
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
