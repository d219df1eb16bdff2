import { generateKeyPairSync } from "node:crypto";

/** A throwaway GitHub App identity: a real RSA key, so Probot signs real JWTs. */
export function githubAppCredentials() {
  const { privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  return { appId: 424242, privateKey, webhookSecret: "test-webhook-secret" };
}
