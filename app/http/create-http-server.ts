import { createServer, type Server } from "node:http";
import type { Logger } from "pino";
import { type Route, sendJson } from "./route.js";

export interface HttpServer {
  server: Server;
  listen(port: number, host: string | undefined): Promise<{ port: number; host: string }>;
  /** Stops accepting, lets in-flight requests finish (up to `timeoutMs`), then closes every socket. */
  close(timeoutMs: number): Promise<void>;
}

export function createHttpServer(routes: Route[], log: Logger): HttpServer {
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const server = createServer(async (req, res) => {
    inFlight++;
    res.once("close", () => {
      inFlight--;
      if (inFlight === 0) drained?.();
    });
    try {
      for (const route of routes) {
        if (await route(req, res)) return;
      }
      sendJson(res, 404, { error: "Not found" });
    } catch (error) {
      log.error({ err: error, method: req.method, path: req.url }, "Request failed");
      if (!res.headersSent) sendJson(res, 500, { error: "Internal error" });
      else res.end();
    }
  });
  // GitHub gives a webhook 10 s; a request slower than that is already lost.
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          const address = server.address();
          if (typeof address !== "object" || !address)
            return reject(new Error("Server has no address"));
          resolve({ port: address.port, host: address.address });
        });
      }),
    async close(timeoutMs) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        const idle = new Promise<void>((resolve) => {
          drained = resolve;
        });
        await Promise.race([
          idle,
          new Promise((resolve) => setTimeout(resolve, timeoutMs).unref()),
        ]);
      }
      server.closeAllConnections();
      await closed;
    },
  };
}
