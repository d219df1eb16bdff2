/**
 * A webhook body parsed as JSON, with any NUL character (U+0000) in a string
 * replaced by U+FFFD. Postgres refuses NUL in `text` and `jsonb`, so an issue
 * title or comment carrying one failed its transaction on every redelivery;
 * as U+FFFD it is stored and shown like any other odd character. JSON must
 * escape NUL as `\u0000`, so bodies without that sequence skip the reviver
 * and parse at full speed. Throws SyntaxError like `JSON.parse`.
 */
export function parseWebhookJson(body: string): unknown {
  if (!body.includes("\\u0000")) return JSON.parse(body);
  return JSON.parse(body, (_key, value: unknown) =>
    typeof value === "string" ? value.replaceAll("\u0000", "\uFFFD") : value,
  );
}
