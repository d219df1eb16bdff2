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
 * no DNS timeout lands in a timed run. It serves what a delivery's handlers
 * ask GitHub (an installation token, a labeller's permission: write) and
 * answers GitHub's 404 body to the rest; those are counted, not served: the
 * API-economy pass serves them.
 */
export async function startLocalGitHub(): Promise<LocalGitHub> {
  const requests = new Map<string, number>();
  const server = createServer((req, res) => {
    const route = `${req.method} ${(req.url ?? "/").split("?")[0]?.replace(/\/\d+(?=\/|$)/g, "/:n")}`;
    requests.set(route, (requests.get(route) ?? 0) + 1);
    req.resume().on("end", () => {
      const [status, body] = answer(route);
      res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(body));
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

/** `route` as counted; GitHub Enterprise Server's `/api/v3` prefix is ignored. */
function answer(route: string): [number, unknown] {
  const [method, path = ""] = route.split(" ");
  const call = `${method} ${path.replace(/^\/api\/v3(?=\/)/, "")}`;
  if (call === "POST /app/installations/:n/access_tokens") {
    const expires = new Date(Date.now() + 3_600_000).toISOString();
    return [201, { token: "ghs_bench", expires_at: expires, repository_selection: "all" }];
  }
  if (/^GET \/repos\/[^/]+\/[^/]+\/collaborators\/[^/]+\/permission$/.test(call)) {
    return [200, { permission: "write", role_name: "write", user: { login: "bench-writer" } }];
  }
  return [404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" }];
}
