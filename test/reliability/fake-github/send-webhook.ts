import { signBody } from "../../helpers/deliver-webhook.js";
import type { FakeGitHub } from "./fake-github.js";

/** A webhook delivery as GitHub sends it: one id, kept by every redelivery. */
export interface Webhook {
  id: string;
  event: string;
  payload: Record<string, unknown>;
}

export const WEBHOOK_SECRET = "test-webhook-secret";

/**
 * GitHub's side of a delivery: sign, POST to the app, and log the attempt in
 * the App's delivery log (`GET /app/hook/deliveries`) with the status the app
 * answered — 0 when it could not be reached — as the reconciler reads it.
 */
export async function sendWebhook(
  github: FakeGitHub,
  appUrl: string,
  hook: Webhook,
  { redelivery = false } = {},
): Promise<number> {
  const body = JSON.stringify(hook.payload);
  let status = 0;
  try {
    const response = await fetch(`${appUrl}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "GitHub-Hookshot/fake",
        "x-github-event": hook.event,
        "x-github-delivery": hook.id,
        "x-hub-signature-256": signBody(body, WEBHOOK_SECRET),
      },
      body,
    });
    status = response.status;
    await response.arrayBuffer();
  } catch {
    status = 0; // refused or reset: the app is down
  }
  const payload = hook.payload as { action?: string; installation?: { id?: number } };
  github.world.hookDeliveries.push({
    id: github.world.nextId(),
    guid: hook.id,
    delivered_at: new Date().toISOString(),
    redelivery,
    duration: 0.01,
    status: status >= 200 && status < 300 ? "OK" : `Invalid HTTP Response: ${status}`,
    status_code: status,
    event: hook.event,
    action: payload.action ?? null,
    installation_id: payload.installation?.id ?? null,
    repository_id: null,
  });
  return status;
}
