import { createHmac, randomUUID } from "node:crypto";

export interface Delivery {
  event: string;
  payload?: unknown;
  /** Raw body, to send something that is not the JSON of `payload`. */
  body?: string;
  id?: string;
  secret?: string;
  /** Replaces the computed signature; `null` sends none. */
  signature?: string | null;
  path?: string;
}

export interface DeliveryReply {
  status: number;
  body: { outcome?: string; message?: string; error?: string };
}

/** Signs a delivery as GitHub does (HMAC-SHA256 of the raw body) and POSTs it. */
export async function deliverWebhook(baseUrl: string, delivery: Delivery): Promise<DeliveryReply> {
  const body = delivery.body ?? JSON.stringify(delivery.payload);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "GitHub-Hookshot/test",
    "x-github-event": delivery.event,
    "x-github-delivery": delivery.id ?? randomUUID(),
  };
  const signature =
    delivery.signature === undefined
      ? signBody(body, delivery.secret ?? "test-webhook-secret")
      : delivery.signature;
  if (signature !== null) headers["x-hub-signature-256"] = signature;
  const response = await fetch(`${baseUrl}${delivery.path ?? "/api/github/webhooks"}`, {
    method: "POST",
    headers,
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}
