import type { IncomingMessage, ServerResponse } from "node:http";

/** A route answers the request and returns true, or returns false to let the next one try. */
export type Route = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

export function pathOf(req: IncomingMessage): string {
  return (req.url ?? "/").split("?")[0] ?? "/";
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}
