import type { z } from "zod";

type RawIssue = z.core.$ZodRawIssue;

const TYPE_NAMES: Readonly<Record<string, string>> = {
  object: "a mapping",
  array: "a list",
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "true or false",
  null: "null",
};

function kindOf(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "a list";
  if (typeof input === "object") return "a mapping";
  // String(), because JSON.stringify turns .inf and .nan into "null".
  return typeof input === "string"
    ? `string ${JSON.stringify(input)}`
    : `${typeof input} ${String(input)}`;
}

function describeType(expected: string, input: unknown): string {
  if (input === undefined) return "is required";
  return `expected ${TYPE_NAMES[expected] ?? expected}, got ${kindOf(input)}`;
}

function describeBound(issue: RawIssue & { code: "too_small" | "too_big" }): string {
  const small = issue.code === "too_small";
  const limit = small ? issue.minimum : issue.maximum;
  const word = small ? "least" : "most";
  if (issue.origin === "array")
    return `must list at ${word} ${limit} item${limit === 1 ? "" : "s"}`;
  if (issue.origin === "string") {
    return small && limit === 1 ? "must not be empty" : `must be at ${word} ${limit} characters`;
  }
  if (issue.inclusive) return `must be at ${word} ${limit}`;
  return `must be ${small ? "greater" : "less"} than ${limit}`;
}

/**
 * Plain-language messages for the issues a config author meets most, read in
 * a check run next to the key's path ("budgets.stage_run.usd: must be greater
 * than 0"). Messages set on a schema take precedence over these.
 */
export function describeIssue(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      return describeType(issue.expected, issue.input);
    case "too_small":
    case "too_big":
      return describeBound(issue);
    case "invalid_value":
      return `must be one of: ${issue.values.map(String).join(", ")}`;
    case "invalid_union": {
      // A discriminated union (model providers) reports the tags it knows.
      const options: unknown = "options" in issue ? issue.options : undefined;
      return Array.isArray(options)
        ? `must be one of: ${options.map(String).join(", ")}`
        : undefined;
    }
    case "invalid_key":
      return `invalid key: ${issue.issues.map((inner) => inner.message).join("; ")}`;
    default:
      return undefined;
  }
}
