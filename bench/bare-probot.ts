import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { createNodeMiddleware, Probot } from "probot";

export interface Credentials {
  appId: number;
  privateKey: string;
  webhookSecret: string;
}

export interface BenchServer {
  port: number;
  stop(): Promise<void>;
}

/**
 * The baseline: Probot's own middleware on node:http with a handler that does
 * nothing, so the figure is signature check + parse + Probot dispatch alone.
 */
export async function startBareProbot(credentials: Credentials, log: Logger): Promise<BenchServer> {
  const probot = new Probot({
    appId: credentials.appId,
    privateKey: credentials.privateKey,
    secret: credentials.webhookSecret,
    log,
  });
  const middleware = await createNodeMiddleware(
    (app) => app.on("installation.created", async () => {}),
    { probot },
  );
  const server = createServer((req, res) => {
    void middleware(req, res, () => res.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { port: (server.address() as AddressInfo).port, stop };
}
