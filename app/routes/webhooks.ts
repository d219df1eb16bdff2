import type { IncomingMessage, ServerResponse } from "node:http";
import { BodyTooLargeError, readBody } from "../http/read-body.js";
import { pathOf, type Route, sendJson } from "../http/route.js";
import type { DeliveryRequest, DeliveryResponse } from "../ingest/receive-delivery.js";

/** GitHub caps webhook payloads at 25 MB; anything larger did not come from GitHub. */
export const WEBHOOK_BODY_LIMIT = 25 * 1024 * 1024;

export function webhookRoute(
  path: string,
  receive: ((request: DeliveryRequest) => Promise<DeliveryResponse>) | undefined,
): Route {
  return async (req, res) => {
    // Probot's setup page registers the App with `<base url>/` as its webhook URL.
    const at = pathOf(req);
    if (at !== path && !(at === "/" && req.method === "POST")) return false;
    if (req.method !== "POST") {
      sendJson(res, 405, { error: "Webhooks are POSTed" }, { allow: "POST" });
      return true;
    }
    if (!receive) {
      sendJson(res, 503, {
        error: "The GitHub App is not configured yet: finish the setup page, then restart.",
      });
      return true;
    }
    const body = await readWebhookBody(req, res);
    if (body === undefined) return true;
    const response = await receive({
      id: header(req, "x-github-delivery"),
      name: header(req, "x-github-event"),
      signature: header(req, "x-hub-signature-256"),
      body,
    });
    sendJson(res, response.status, { outcome: response.outcome, message: response.message });
    return true;
  };
}

async function readWebhookBody(
  req: IncomingMessage,
  res: ServerResponse,
): Promise<string | undefined> {
  try {
    return await readBody(req, WEBHOOK_BODY_LIMIT);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    // Close the connection: draining 25 MB+ from a client we refuse is wasted work.
    sendJson(res, 413, { error: error.message }, { connection: "close" });
    return undefined;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
