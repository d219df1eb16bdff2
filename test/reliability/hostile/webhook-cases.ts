import { randomUUID } from "node:crypto";
import { type DeliveryReply, deliverWebhook, signBody } from "../../helpers/deliver-webhook.js";
import { SEEDED_REPO } from "../../helpers/seed-stage-run.js";

/** A hostile webhook request and the refusal it must get. */
export interface WebhookCase {
  kind: "signature" | "body" | "payload";
  name: string;
  send(url: string): Promise<DeliveryReply>;
  status: number;
  /** What the answer says, for the operator reading GitHub's delivery log. */
  message: RegExp;
  /**
   * The delivery's own record, the only row written: "failed" for a payload
   * its handler cannot use (kept, so it can be redelivered), "ignored" for
   * one no handler takes.
   */
  keepsDelivery?: "failed" | "ignored";
}

const repository = {
  id: SEEDED_REPO.repoId,
  name: SEEDED_REPO.name,
  full_name: `${SEEDED_REPO.owner}/${SEEDED_REPO.name}`,
  owner: { login: SEEDED_REPO.owner },
};
const installation = { id: SEEDED_REPO.installationId };
const sender = { login: "writer", id: 5, type: "User" };
const labeled = {
  action: "labeled",
  installation,
  repository,
  sender,
  issue: { number: 12, title: "Add a login page" },
  label: { name: "quantapilot:implement" },
};

const post = (url: string, headers: Record<string, string>, body: string | ReadableStream) =>
  fetch(`${url}/api/github/webhooks`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    duplex: "half",
  } as RequestInit).then(async (response) => ({
    status: response.status,
    body: JSON.parse((await response.text()) || "{}") as DeliveryReply["body"],
  }));

// A parser that recursed per level would overflow its stack and crash the process.
function deeplyNested(depth: number): string {
  const nested = `${"[".repeat(depth)}${"]".repeat(depth)}`;
  return `{"action":"created","installation":${JSON.stringify(installation)},"a":${nested}}`;
}

// Deeper variants of the signature and body cases live in test/e2e/webhook-ingest.test.ts
// (sha1 signatures, every example payload); these are the ones tried here, end to end.
export const WEBHOOK_CASES: WebhookCase[] = [
  {
    kind: "signature",
    name: "signed with another secret",
    send: (url) => deliverWebhook(url, { event: "issues", payload: labeled, secret: "guess" }),
    status: 401,
    message: /signature/i,
  },
  {
    kind: "signature",
    name: "a valid signature of another body",
    send: (url) =>
      deliverWebhook(url, {
        event: "issues",
        payload: labeled,
        signature: signBody("{}", "test-webhook-secret"),
      }),
    status: 401,
    message: /signature/i,
  },
  {
    kind: "signature",
    name: "a signature that is not hex",
    send: (url) => deliverWebhook(url, { event: "issues", payload: labeled, signature: "sha256=" }),
    status: 401,
    message: /signature/i,
  },
  {
    kind: "signature",
    name: "no signature",
    send: (url) => deliverWebhook(url, { event: "issues", payload: labeled, signature: null }),
    status: 400,
    message: /x-hub-signature-256/,
  },
  {
    kind: "signature",
    name: "no delivery id",
    send: (url) => {
      const body = JSON.stringify(labeled);
      return post(
        url,
        {
          "x-github-event": "issues",
          "x-hub-signature-256": signBody(body, "test-webhook-secret"),
        },
        body,
      );
    },
    status: 400,
    message: /x-github-delivery/i,
  },
  {
    kind: "body",
    name: "malformed JSON",
    send: (url) => deliverWebhook(url, { event: "issues", body: '{"action":"labeled",' }),
    status: 400,
    message: /JSON|parse/i,
  },
  {
    kind: "body",
    name: "a JSON array instead of an object",
    send: (url) => deliverWebhook(url, { event: "issues", body: "[1,2,3]" }),
    status: 400,
    message: /object/i,
  },
  {
    kind: "body",
    name: "JSON nested 100,000 deep, for an event nobody handles",
    send: (url) => deliverWebhook(url, { event: "star", body: deeplyNested(100_000) }),
    status: 200,
    message: /No handler/,
    keepsDelivery: "ignored",
  },
  {
    kind: "body",
    name: "a streamed body over GitHub's 25 MB cap",
    send: (url) => {
      const chunk = new TextEncoder().encode("x".repeat(1024 * 1024));
      const stream = new ReadableStream({
        start(controller) {
          for (let i = 0; i < 26; i++) controller.enqueue(chunk);
          controller.close();
        },
      });
      const headers = {
        "x-github-event": "issues",
        "x-github-delivery": randomUUID(),
        "x-hub-signature-256": "sha256=0",
      };
      return post(url, headers, stream);
    },
    status: 413,
    message: /./,
  },
  {
    kind: "payload",
    name: "issues.labeled without its issue",
    send: (url) =>
      deliverWebhook(url, { event: "issues", payload: { ...labeled, issue: undefined } }),
    status: 400,
    message: /issues payload: issue: /,
    keepsDelivery: "failed",
  },
  {
    kind: "payload",
    name: "an issue number that is a string",
    send: (url) =>
      deliverWebhook(url, {
        event: "issues",
        payload: { ...labeled, issue: { number: "12; rm -rf /", title: "x" } },
      }),
    status: 400,
    message: /issue\.number/,
    keepsDelivery: "failed",
  },
  {
    kind: "payload",
    name: "a __proto__ key trying to pollute every object",
    send: (url) =>
      deliverWebhook(url, {
        event: "issues",
        body: `{"action":"labeled","installation":${JSON.stringify(installation)},"__proto__":{"isAdmin":true,"permission":"admin"},"repository":${JSON.stringify(repository)}}`,
      }),
    status: 400,
    message: /payload/,
    keepsDelivery: "failed",
  },
];
