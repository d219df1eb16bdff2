import { createServer, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** One HTTP response the fake will give, in the order queued. */
export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  /** Sent as JSON, unless `raw` is given. */
  body: unknown;
  /** A body sent as it is (say, a proxy's HTML error page). */
  raw?: string;
}

/** A request the fake received, body parsed from JSON. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** A local server answering one route from a queue of scripted responses. */
export interface ScriptedServer {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** Every request received on any path, in order. */
  requests: RecordedRequest[];
  enqueue(...responses: ScriptedResponse[]): void;
  /** Responses queued but not yet served; a finished test expects 0. */
  pending(): number;
  close(): Promise<void>;
}

/** How a provider's fake differs: its route, its error shape, its auth check. */
export interface ScriptedServerOptions {
  route: { method: string; path: string };
  error(status: number, message: string): ScriptedResponse;
  /** An error response when the request lacks credentials, else undefined. */
  authorise?(headers: IncomingHttpHeaders): ScriptedResponse | undefined;
}

/** Starts a scripted server on 127.0.0.1 and an ephemeral port. */
export async function startScriptedServer(options: ScriptedServerOptions): Promise<ScriptedServer> {
  const queue: ScriptedResponse[] = [];
  const requests: RecordedRequest[] = [];
  const server = createServer(async (req, res) => {
    const recorded = await record(req);
    requests.push(recorded);
    const response = answer(options, recorded, queue);
    const type = response.raw === undefined ? "application/json" : "text/html";
    res.writeHead(response.status, { "content-type": type, ...response.headers });
    res.end(response.raw ?? JSON.stringify(response.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...responses) => queue.push(...responses),
    pending: () => queue.length,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // the SDKs keep connections alive
      }),
  };
}

function answer(
  options: ScriptedServerOptions,
  request: RecordedRequest,
  queue: ScriptedResponse[],
): ScriptedResponse {
  const { method, path } = options.route;
  if (request.method !== method || request.path !== path) {
    return options.error(404, `fake server: no route ${request.method} ${request.path}`);
  }
  const refusal = options.authorise?.(request.headers);
  if (refusal) return refusal;
  return queue.shift() ?? options.error(500, "fake server: no scripted response left");
}

async function record(req: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return {
    method: req.method ?? "",
    path: new URL(req.url ?? "/", "http://fake").pathname,
    headers: req.headers,
    body: text ? JSON.parse(text) : undefined,
  };
}

/** A base URL where nothing listens: a provider that is down (connection refused). */
export async function unreachableOrigin(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
