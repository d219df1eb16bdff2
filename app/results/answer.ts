/** The route's reply to the action: a status, a JSON body, and headers when they matter. */
export interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** A step's value, or the answer that ends the request there. */
export type Step<T> = { ok: true; value: T } | { ok: false; answer: Answer };

/** Ends the request with `status` and a sentence saying why, plus any detail. */
export function stop(
  status: number,
  error: string,
  detail: Record<string, unknown> = {},
  headers?: Record<string, string>,
): { ok: false; answer: Answer } {
  return { ok: false, answer: { status, body: { error, ...detail }, ...(headers && { headers }) } };
}
