import { matchesGlob } from "../../../contract/glob.js";

/**
 * Files that hold credentials by convention, at any depth. The agent may not
 * read them: their values would go to the model and into the transcript.
 */
export const SECRET_FILE_GLOBS: readonly string[] = Object.freeze([
  "**/.env",
  "**/.env.*",
  "**/*.pem",
  "**/*.key",
  "**/*.p12",
  "**/*.pfx",
  "**/*.jks",
  "**/*.keystore",
  "**/id_rsa*",
  "**/id_dsa*",
  "**/id_ecdsa*",
  "**/id_ed25519*",
  "**/.ssh/**",
  "**/.npmrc",
  "**/.yarnrc.yml",
  "**/.pypirc",
  "**/.netrc",
  "**/_netrc",
  "**/.git-credentials",
  "**/.htpasswd",
  "**/.aws/credentials",
  "**/.docker/config.json",
  "**/.kube/config",
]);

/**
 * Matches of SECRET_FILE_GLOBS that are templates or public halves, readable
 * because projects commit them on purpose and the agent needs them to know
 * which settings exist (`.env.example`) or which key is trusted (`*.pub`).
 */
export const SECRET_FILE_EXCEPTIONS: readonly string[] = Object.freeze([
  "**/.env.example",
  "**/.env.sample",
  "**/.env.template",
  "**/.env.dist",
  "**/*.pub",
]);

/**
 * The first glob that makes `path` (relative, `/`-separated) a secret file,
 * or undefined. Case is ignored: on a case-insensitive disk `.ENV` is `.env`,
 * and for a refusal list matching too much is the safe mistake.
 */
export function findSecretFileGlob(
  path: string,
  globs: readonly string[] = SECRET_FILE_GLOBS,
): string | undefined {
  const matches = (glob: string) => matchesGlob(path, glob, { caseInsensitive: true });
  if (SECRET_FILE_EXCEPTIONS.some(matches)) return undefined;
  return globs.find(matches);
}
