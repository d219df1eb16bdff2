import type { ProbotOctokit } from "probot";
import { CONFIG_PATH, type QuantaPilotConfig } from "../../contract/config.js";
import {
  type ConfigError,
  type ConfigIssue,
  parseConfig,
  readConfigDocument,
  sortConfigErrors,
  toConfigError,
  validateConfig,
} from "../../contract/parse-config.js";
import { guardedConfigLoader, UnreadableConfigText } from "./guarded-config-loader.js";
import { mergeConfigLayers } from "./merge-config-layers.js";

/** What the loader uses of Probot's Octokit: the config plugin and plain requests. */
export type ConfigOctokit = Pick<ProbotOctokit, "config" | "request">;
type LoadedFile = Awaited<ReturnType<ProbotOctokit["config"]["get"]>>["files"][number];

/** A file configuration was read from. */
export type ConfigSource = { owner: string; repo: string; path: string };

export type LoadRepoConfigResult =
  | { ok: true; config: QuantaPilotConfig; files: ConfigSource[] }
  | { ok: false; errors: ConfigError[]; file: ConfigSource };
type Failure = Extract<LoadRepoConfigResult, { ok: false }>;

const sourceOf = ({ owner, repo, path }: LoadedFile | ConfigSource): ConfigSource => ({
  owner,
  repo,
  path,
});

// Octokit's RequestError carries the HTTP status; the config plugin's own errors do not.
const httpStatus = (error: unknown): number | undefined =>
  error instanceof Error && "status" in error && typeof error.status === "number"
    ? error.status
    : undefined;

async function fetchRawText(
  octokit: ConfigOctokit,
  file: ConfigSource,
): Promise<string | undefined> {
  try {
    const response = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
      ...file,
      mediaType: { format: "raw" },
    });
    const data: unknown = response.data;
    return typeof data === "string" ? data : undefined;
  } catch (error) {
    if (httpStatus(error) === 404) return undefined;
    throw error;
  }
}

// The plugin parsed the file without keeping its text, so it is read again for line numbers.
async function locateIssues(
  octokit: ConfigOctokit,
  file: ConfigSource,
  issues: readonly ConfigIssue[],
): Promise<Failure> {
  const text = await fetchRawText(octokit, file);
  const document = text === undefined ? undefined : readConfigDocument(text);
  if (document?.ok === false) return { ok: false, errors: document.errors, file };
  const errors = issues.map((issue) => toConfigError(issue, document?.locate(issue.path)));
  return { ok: false, errors: sortConfigErrors(errors), file };
}

// The plugin throws on YAML it cannot read; our parser says where and why.
async function explainUnreadable(
  octokit: ConfigOctokit,
  own: ConfigSource,
  error: unknown,
): Promise<Failure> {
  const text = await fetchRawText(octokit, own);
  const parsed = text === undefined ? undefined : parseConfig(text);
  if (parsed?.ok === false) return { ok: false, errors: parsed.errors, file: own };
  const reason = error instanceof Error ? error.message : String(error);
  const message = reason.replace(/^\[@probot\/octokit-plugin-config\] /, "");
  return { ok: false, errors: [{ path: "", message }], file: own };
}

type BrokenExtends = { file: ConfigSource; issue: ConfigIssue };

// Only the repository's own file and the org's `.github` fallback may be
// absent; a missing `_extends` target would silently drop shared policy.
function findBrokenExtends(files: readonly LoadedFile[]): BrokenExtends | undefined {
  const firstTarget = files[0]?.config === null ? 2 : 1;
  const index = files.findIndex((file, i) => i >= firstTarget && file.config === null);
  const target = files[index];
  const from = files[index - 1];
  if (target === undefined || from === undefined) return undefined;
  const message = `${target.owner}/${target.repo}:${target.path} does not exist or QuantaPilot cannot read it (is the app installed on ${target.owner}/${target.repo}?)`;
  return { file: sourceOf(from), issue: { path: ["_extends"], message } };
}

async function readFiles(
  octokit: ConfigOctokit,
  own: ConfigSource,
): Promise<LoadedFile[] | Failure> {
  try {
    const { files } = await guardedConfigLoader(octokit).get({ ...own });
    return files;
  } catch (error) {
    if (error instanceof UnreadableConfigText) {
      return { ok: false, errors: error.errors, file: error.file };
    }
    if (httpStatus(error) !== undefined) throw error;
    return explainUnreadable(octokit, own, error);
  }
}

// Each file alone first, so an error is reported in the file that has it.
async function validateLayers(
  octokit: ConfigOctokit,
  layers: readonly LoadedFile[],
  own: ConfigSource,
): Promise<LoadRepoConfigResult> {
  for (const layer of layers) {
    const checked = validateConfig(layer.config);
    if (!checked.ok) return locateIssues(octokit, sourceOf(layer), checked.issues);
  }
  const merged = validateConfig(mergeConfigLayers(layers.map((layer) => layer.config).reverse()));
  if (merged.ok) return { ok: true, config: merged.config, files: layers.map(sourceOf) };
  return locateIssues(octokit, sourceOf(layers[0] ?? own), merged.issues);
}

/**
 * Loads `.github/quantapilot.yml` from the repository's default branch,
 * following Probot's conventions: without a file of its own, the repository
 * uses the one in its owner's `.github` repository; `_extends` names a base
 * file that this one overrides key by key. No file at all means the defaults.
 *
 * A config problem is a result with line numbers, never a throw; GitHub API
 * failures (5xx, 403) do throw, so the caller can retry.
 */
export async function loadRepoConfig(
  octokit: ConfigOctokit,
  repository: { owner: string; repo: string },
): Promise<LoadRepoConfigResult> {
  const own: ConfigSource = { owner: repository.owner, repo: repository.repo, path: CONFIG_PATH };
  const files = await readFiles(octokit, own);
  if (!Array.isArray(files)) return files;
  const broken = findBrokenExtends(files);
  if (broken !== undefined) return locateIssues(octokit, broken.file, [broken.issue]);
  return validateLayers(
    octokit,
    files.filter((file) => file.config !== null),
    own,
  );
}
