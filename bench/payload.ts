import { createRequire } from "node:module";
import { signBody } from "../test/helpers/deliver-webhook.js";

export interface SignedPayload {
  event: string;
  body: string;
  signature: string;
}

interface InstallationExample {
  action?: string;
  installation: { id: number };
  repositories?: { id: number }[];
}

/**
 * GitHub's own `installation.created` example, signed. The signature covers
 * only the body, so every copy can reuse it. With `shift`, the installation
 * and repository ids move by that much: another installation, other rows.
 */
export function installationCreated(secret: string, shift = 0): SignedPayload {
  const example = structuredClone(exampleInstallationCreated());
  example.installation.id += shift;
  for (const repository of example.repositories ?? []) repository.id += shift;
  const body = JSON.stringify(example);
  return { event: "installation", body, signature: signBody(body, secret) };
}

/**
 * Signed before the clock starts, one per key: signing and serialising in the
 * timed loop would bill the client's work to the case.
 */
export function distinctInstallations(secret: string, keys: string[]): Map<string, SignedPayload> {
  return new Map(keys.map((key, i) => [key, installationCreated(secret, i + 1)]));
}

/**
 * GitHub's own `check_suite.requested` example, signed: an event the App is
 * subscribed to (checks: write brings it) that no handler wants.
 */
export function checkSuiteRequested(secret: string): SignedPayload {
  const body = JSON.stringify(example("check_suite", "requested"));
  return { event: "check_suite", body, signature: signBody(body, secret) };
}

function exampleInstallationCreated(): InstallationExample {
  return example("installation", "created") as unknown as InstallationExample;
}

/** GitHub's own example of `event.action`, from `@octokit/webhooks-examples`. */
export function example(event: string, action: string): Record<string, unknown> {
  const require = createRequire(import.meta.url);
  const index: {
    name: string;
    examples: Record<string, unknown>[];
  }[] = require("@octokit/webhooks-examples/api.github.com/index.json");
  const found = index
    .find((entry) => entry.name === event)
    ?.examples.find((candidate) => candidate.action === action);
  if (!found) throw new Error(`@octokit/webhooks-examples has no ${event}.${action} example`);
  return found;
}
