import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface LocalGitHub {
  /** `host:port`, for GHE_HOST with GHE_PROTOCOL=http. */
  host: string;
  /** Requests answered, by `METHOD /path` with numbers folded to `:n`. */
  requests: Map<string, number>;
  stop(): Promise<void>;
}

/**
 * Where the ingest bench's server sends its GitHub calls (the outbox worker
 * onboards the repositories it hears of), so nothing leaves the machine and
 * no DNS timeout lands in a timed run. It answers GitHub's 404 body to all;
 * the calls are counted, not served: the API-economy pass serves them.
 */
export async function startLocalGitHub(): Promise<LocalGitHub> {
  const requests = new Map<string, number>();
  const server = createServer((req, res) => {
    const route = `${req.method} ${(req.url ?? "/").split("?")[0]?.replace(/\/\d+(?=\/|$)/g, "/:n")}`;
    requests.set(route, (requests.get(route) ?? 0) + 1);
    req.resume().on("end", () => {
      res.writeHead(404, { "content-type": "application/json; charset=utf-8" });
      res.end(
        JSON.stringify({ message: "Not Found", documentation_url: "https://docs.github.com/rest" }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { host: `127.0.0.1:${(server.address() as AddressInfo).port}`, requests, stop };
}
