import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { Route } from "../http/route.js";

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
type SetupAppFactory = (options: {
  host: string;
  port: number;
  log: Logger;
}) => () => Promise<NodeHandler>;

/**
 * Probot's own registration pages (GitHub's manifest flow from `app.yml`).
 * Probot's `run()` serves them but then refuses every other route, and it
 * does not export them, so they are loaded from its files; `probot` is
 * pinned to an exact version in package.json for that reason.
 */
export async function setupRoutes(options: {
  host: string;
  port: number;
  log: Logger;
}): Promise<Route[]> {
  const base = import.meta.resolve("probot");
  const { setupAppFactory } = (await import(new URL("./apps/setup.js", base).href)) as {
    setupAppFactory: SetupAppFactory;
  };
  const { staticFilesHandler } = (await import(
    new URL("./server/handlers/static-files.js", base).href
  )) as {
    staticFilesHandler: NodeHandler;
  };
  const setup = await setupAppFactory(options)();
  return [staticFilesHandler, setup];
}
