import { Writable } from "node:stream";
import type { Logger } from "pino";
import { createLogger } from "../app/logger.js";

/**
 * The production logger at its default level, writing nowhere: both servers
 * pay for building their log lines, neither pays for a terminal.
 */
export function discardLogger(): Logger {
  const sink = new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });
  return createLogger({ level: "info" }, sink);
}
