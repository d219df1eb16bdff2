import { createPathMatcher, type PathMatch } from "./github-openapi-paths.js";
import { createSchemaChecks, type SchemaCheck } from "./github-openapi-schemas.js";
import {
  type GitHubOpenApi,
  HTTP_METHODS,
  loadGitHubOpenApi,
  type OpenApiOperation,
} from "./github-openapi-spec.js";

/** The loaded description with its path matcher and schema checks. */
export interface GitHubDescription extends GitHubOpenApi {
  matchPath: (path: string) => PathMatch[];
  checks: { body: SchemaCheck; params: SchemaCheck };
}

/** An operation together with the path template and method it lives under. */
export interface FoundOperation extends OpenApiOperation {
  template: string;
  method: string;
}

let description: GitHubDescription | undefined;

/**
 * GitHub's description, matcher and checks, built on first use and then
 * shared by the test process, so files that never talk to GitHub pay nothing.
 */
export function describeGitHub(): GitHubDescription {
  if (description) return description;
  const spec = loadGitHubOpenApi();
  const matchPath = createPathMatcher(Object.keys(spec.document.paths));
  description = { ...spec, matchPath, checks: createSchemaChecks(spec.document) };
  return description;
}

/**
 * The operation a method and API path (no host, no `/api/v3`) address, with
 * its decoded path parameters; or the reason there is none. When several
 * templates fit, the most specific one that has the method wins.
 */
export function findOperation(
  github: GitHubDescription,
  requestMethod: string,
  path: string,
): { operation: FoundOperation; params: Record<string, string> } | { problem: string } {
  const method = requestMethod.toLowerCase();
  const matches = github.matchPath(path);
  for (const { template, params } of matches) {
    const operation = operationAt(github, template, method);
    if (operation) return { operation: { ...operation, template, method }, params };
  }
  const where = `${method.toUpperCase()} ${path}`;
  if (!matches[0]) return { problem: `${where}: no path in GitHub's OpenAPI description matches` };
  const { template } = matches[0];
  const allowed = HTTP_METHODS.filter((other) => operationAt(github, template, other));
  const only = allowed.join(", ").toUpperCase();
  return {
    problem: `${where}: GitHub's OpenAPI description has no ${method.toUpperCase()} on ${template} (only ${only})`,
  };
}

// A path item also holds `parameters`; only HTTP methods name operations.
function operationAt(github: GitHubDescription, template: string, method: string) {
  if (!HTTP_METHODS.includes(method)) return undefined;
  return github.document.paths[template]?.[method];
}
