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

function exampleInstallationCreated(): InstallationExample {
  const require = createRequire(import.meta.url);
  const index: {
    name: string;
    examples: InstallationExample[];
  }[] = require("@octokit/webhooks-examples/api.github.com/index.json");
  const example = index
    .find((entry) => entry.name === "installation")
    ?.examples.find((candidate) => candidate.action === "created");
  if (!example) throw new Error("@octokit/webhooks-examples has no installation.created example");
  return example;
}
