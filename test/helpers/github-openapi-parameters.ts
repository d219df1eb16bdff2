import type { FoundOperation, GitHubDescription } from "./github-openapi-operation.js";
import { DOCUMENT_URI } from "./github-openapi-schemas.js";
import { followRef, pointerToken } from "./github-openapi-spec.js";

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: unknown;
  /** Where the parameter's schema sits in the description, for ajv's `$ref`. */
  schemaPointer: string;
}

/**
 * Problems with an operation's parameters in one location: required names
 * missing, values not of the declared type (path and query values are
 * strings, coerced first) or not in the enum. Each starts with `path/<name>`
 * or `query/<name>`. Names the description does not declare are ignored.
 */
export function checkParameters(
  github: GitHubDescription,
  operation: FoundOperation,
  location: "path" | "query",
  values: Record<string, unknown>,
): string[] {
  const parameters = parametersOf(github, operation, location);
  const schema = () => ({
    type: "object",
    properties: Object.fromEntries(
      parameters.map(({ name, schemaPointer }) => [
        name,
        { $ref: `${DOCUMENT_URI}#${schemaPointer}` },
      ]),
    ),
    required: parameters.filter((parameter) => parameter.required).map(({ name }) => name),
  });
  const key = `${operation.operationId} ${location}`;
  return github.checks.params(key, schema, { ...values }).map((problem) => location + problem);
}

/**
 * The query parameters of `url` that the operation declares. Arrays travel
 * comma-separated (as Octokit sends them) or as repeated names.
 */
export function queryValues(
  github: GitHubDescription,
  operation: FoundOperation,
  url: URL,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const { name, schema, schemaPointer } of parametersOf(github, operation, "query")) {
    const sent = url.searchParams.getAll(name);
    if (sent.length === 0) continue;
    const type = (followRef(github.document, schema, schemaPointer).node as { type?: unknown })
      ?.type;
    if (type === "array") values[name] = sent.flatMap((value) => value.split(","));
    else values[name] = sent.length === 1 ? sent[0] : sent;
  }
  return values;
}

function parametersOf(
  github: GitHubDescription,
  operation: FoundOperation,
  location: string,
): Parameter[] {
  const base = `/paths/${pointerToken(operation.template)}`;
  const shared = github.document.paths[operation.template]?.parameters ?? [];
  const own = operation.parameters ?? [];
  return [
    ...shared.map((node, index) => followRef(github.document, node, `${base}/parameters/${index}`)),
    ...own.map((node, index) =>
      followRef(github.document, node, `${base}/${operation.method}/parameters/${index}`),
    ),
  ]
    .map(({ node, pointer }) => ({ ...(node as Parameter), schemaPointer: `${pointer}/schema` }))
    .filter((parameter) => parameter.in === location);
}
