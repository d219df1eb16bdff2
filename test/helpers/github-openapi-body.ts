import type { FoundOperation, GitHubDescription } from "./github-openapi-operation.js";
import { DOCUMENT_URI } from "./github-openapi-schemas.js";
import { pointerToken } from "./github-openapi-spec.js";

type Headers = Readonly<Record<string, string | string[] | number | undefined>>;

/**
 * Problems with a request body: one sent where the operation takes none,
 * one missing where it is required, a content type it does not accept, or
 * JSON that breaks the operation's schema (each starting `body/<pointer>`).
 */
export function checkBody(
  github: GitHubDescription,
  operation: FoundOperation,
  sent: unknown,
  headers: Headers = {},
): string[] {
  const body = parseRequestBody(sent);
  const { requestBody } = operation;
  if (!requestBody) return body === undefined ? [] : ["body is sent but the operation takes none"];
  if (body === undefined) return requestBody.required ? ["body is required"] : [];
  const type = contentType(headers);
  if (!requestBody.content[type]) {
    const accepted = Object.keys(requestBody.content).join(", ");
    return [`body is ${type}, but the operation accepts ${accepted}`];
  }
  if (type !== "application/json") return [];
  const { template, method, operationId } = operation;
  const at = `/paths/${pointerToken(template)}/${method}/requestBody/content/application~1json`;
  const schema = () => ({ $ref: `${DOCUMENT_URI}#${at}/schema` });
  return github.checks.body(`${operationId} body`, schema, body).map((problem) => `body${problem}`);
}

/**
 * A body as GitHub would read it: nothing, null and "" mean none was sent;
 * text is parsed when it is JSON and kept as text otherwise.
 */
export function parseRequestBody(sent: unknown): unknown {
  if (sent === undefined || sent === null || sent === "") return undefined;
  if (typeof sent !== "string") return sent;
  try {
    return JSON.parse(sent);
  } catch {
    return sent;
  }
}

// Absent means JSON: that is what Octokit sends, and what hand-built bodies mean.
function contentType(headers: Headers): string {
  const name = Object.keys(headers).find((key) => key.toLowerCase() === "content-type");
  const value = String((name && headers[name]) ?? "application/json");
  const type = value.split(";")[0]?.trim().toLowerCase() ?? "";
  return type.endsWith("+json") ? "application/json" : type;
}
