import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import formats from "ajv-formats";

/** Where GitHub's description is registered in ajv; `$ref`s point under it. */
export const DOCUMENT_URI = "https://api.github.com/openapi.json";

// Formats GitHub names that ajv-formats does not know; accepted as any string
// rather than letting ajv warn on every compile.
const GITHUB_ONLY_FORMATS = ["repo.nwo", "binary", "timestamp"];

/**
 * Checks `data` against the schema `schema()` builds, compiling it on first
 * use of `key` only. Returns one readable problem per ajv error, each
 * starting with the JSON pointer of the offending value.
 */
export type SchemaCheck = (key: string, schema: () => object, data: unknown) => string[];

/**
 * Two checks over one description: bodies are checked as sent; parameters
 * arrive as URL strings, so they are coerced to the declared type first
 * (`"12"` passes as an integer, `"abc"` does not).
 */
export function createSchemaChecks(document: object): { body: SchemaCheck; params: SchemaCheck } {
  return { body: createSchemaCheck(document, false), params: createSchemaCheck(document, "array") };
}

function createSchemaCheck(document: object, coerceTypes: false | "array"): SchemaCheck {
  const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes });
  formats.default(ajv);
  for (const format of GITHUB_ONLY_FORMATS) ajv.addFormat(format, true);
  // Not validated against the meta-schema: it is an OpenAPI document, and
  // only the subschemas we point at are ever compiled.
  ajv.addSchema(document, DOCUMENT_URI, undefined, false);
  const validators = new Map<string, ValidateFunction>();
  return (key, schema, data) => {
    const validate = validators.get(key) ?? ajv.compile(schema());
    validators.set(key, validate);
    if (validate(data)) return [];
    return [...new Set((validate.errors ?? []).map(describeError))];
  };
}

function describeError(error: ErrorObject): string {
  const { instancePath: at, params } = error;
  switch (error.keyword) {
    case "required":
      return `${at}/${params.missingProperty} is required`;
    case "additionalProperties":
      return `${at}/${params.additionalProperty} is not allowed (additionalProperties: false)`;
    case "enum":
      return `${at} must be one of ${params.allowedValues.map(String).join(", ")}`;
    default:
      return `${at} ${error.message ?? error.keyword}`;
  }
}
