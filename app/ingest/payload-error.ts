import type { z } from "zod";

/**
 * A payload that lacks what its handler needs. Retrying cannot help, so the
 * delivery is answered 400 rather than 500, and nothing is written.
 */
export class PayloadError extends Error {
  override name = "PayloadError";
  readonly status = 400;
}

/** Parses the part of a payload a handler relies on, naming the first missing or malformed field. */
export function parsePayload<S extends z.ZodType>(
  schema: S,
  payload: unknown,
  event: string,
): z.output<S> {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.join(".") || "(root)";
  throw new PayloadError(`${event} payload: ${path}: ${issue?.message ?? "invalid"}`);
}
