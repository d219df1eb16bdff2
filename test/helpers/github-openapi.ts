import { checkBody } from "./github-openapi-body.js";
import { describeGitHub, findOperation } from "./github-openapi-operation.js";
import { checkParameters, queryValues } from "./github-openapi-parameters.js";

/** A request as a test saw it leave for GitHub. */
export interface GitHubRequestToValidate {
  method: string;
  /** A full URL or a path; `https://api.github.com` and a GHES `/api/v3` prefix both work. */
  url: string;
  /** Parsed JSON, JSON text, or undefined when nothing was sent. */
  body?: unknown;
  /** Only `content-type` is read; absent means JSON. */
  headers?: Readonly<Record<string, string | string[] | number | undefined>>;
}

/** Whether a request is one GitHub's OpenAPI description allows. */
export type GitHubRequestVerdict =
  | { ok: true; operationId: string }
  | { ok: false; problems: string[] };

/**
 * Checks one request against GitHub's REST description (@octokit/openapi):
 * the path exists, the method exists on it, path and query parameters have
 * the declared types, enums and required names, and a JSON body matches the
 * operation's request body schema. Each problem names the operationId and
 * the JSON pointer of the offending value, e.g.
 * `checks/update: body/conclusion must be one of action_required, …`.
 * The first call loads the description (about half a second).
 */
export function validateGitHubRequest(request: GitHubRequestToValidate): GitHubRequestVerdict {
  const github = describeGitHub();
  const url = new URL(request.url, "https://api.github.com");
  const path = url.pathname.replace(/^\/api\/v3(?=\/)/, "");
  const found = findOperation(github, request.method, path);
  if ("problem" in found) return { ok: false, problems: [found.problem] };
  const { operation, params } = found;
  const problems = [
    ...checkParameters(github, operation, "path", params),
    ...checkParameters(github, operation, "query", queryValues(github, operation, url)),
    ...checkBody(github, operation, request.body, request.headers),
  ].map((problem) => `${operation.operationId}: ${problem}`);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, operationId: operation.operationId };
}
