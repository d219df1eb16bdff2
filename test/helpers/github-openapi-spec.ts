import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** The HTTP methods GitHub's REST description uses. */
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** The slice of an OpenAPI 3.0 operation these helpers read. */
export interface OpenApiOperation {
  operationId: string;
  parameters?: unknown[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: unknown }> };
}

/** A path item: operations keyed by lower-case method, plus shared parameters. */
export type OpenApiPathItem = { parameters?: unknown[] } & Record<string, OpenApiOperation>;

/** GitHub's REST description, as loaded (OpenAPI 3.0, `$ref`s not inlined). */
export interface GitHubOpenApi {
  document: { paths: Record<string, OpenApiPathItem> } & Record<string, unknown>;
  /** Milliseconds spent reading, parsing and normalising the description. */
  loadMs: number;
}

let loaded: GitHubOpenApi | undefined;

/**
 * GitHub's api.github.com description, read once per test process on first
 * use. The non-dereferenced file (13 MB) is chosen over the `.deref` one
 * (73 MB): it reads and parses in 0.4-0.7 s against 2-4 s, takes a quarter of
 * the heap, and ajv resolves its `$ref`s itself.
 */
export function loadGitHubOpenApi(): GitHubOpenApi {
  if (loaded) return loaded;
  const started = performance.now();
  const file = createRequire(import.meta.url).resolve(
    "@octokit/openapi/generated/api.github.com.json",
  );
  const document = JSON.parse(readFileSync(file, "utf8"));
  normaliseNullable(document.paths);
  normaliseNullable(document.components.schemas);
  normaliseNullable(document.components.parameters);
  loaded = { document, loadMs: performance.now() - started };
  return loaded;
}

/**
 * Rewrites OpenAPI 3.0 `nullable` into what ajv accepts: ajv refuses
 * `nullable` without `type` (GitHub has 135 of those, e.g. an issue's
 * `milestone`), and an `enum` only admits null when it lists null.
 */
function normaliseNullable(node: unknown): void {
  if (node === null || typeof node !== "object") return;
  for (const child of Object.values(node)) normaliseNullable(child);
  const schema = node as Record<string, unknown>;
  if (Array.isArray(schema) || schema.nullable !== true) return;
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum.push(null);
  if (schema.type !== undefined) return;
  const { nullable: _, ...rest } = schema;
  for (const key of Object.keys(schema)) delete schema[key];
  schema.anyOf = [rest, { type: "null" }];
}

/** Escapes one JSON pointer token and makes it safe inside a URI fragment. */
export function pointerToken(token: string): string {
  return encodeURIComponent(token.replaceAll("~", "~0").replaceAll("/", "~1"));
}

/**
 * Follows local `$ref`s from `node` (found at `pointer`) to the node they
 * name, returning it with its own pointer so ajv can be sent straight there.
 */
export function followRef(
  document: unknown,
  node: unknown,
  pointer: string,
): { node: unknown; pointer: string } {
  let current = { node, pointer };
  for (let ref = refOf(current.node); ref?.startsWith("#/"); ref = refOf(current.node)) {
    const tokens = ref.slice(2).split("/");
    const target = tokens.reduce<unknown>((at, token) => {
      const key = decodeURIComponent(token).replaceAll("~1", "/").replaceAll("~0", "~");
      return (at as Record<string, unknown> | undefined)?.[key];
    }, document);
    current = { node: target, pointer: ref.slice(1) };
  }
  return current;
}

function refOf(node: unknown): string | undefined {
  const ref = (node as { $ref?: unknown } | undefined)?.$ref;
  return typeof ref === "string" ? ref : undefined;
}
