import { parseRetryAfter } from "../llm/parse-retry-after.js";

/** What one POST got: an answer with its body, or no answer at all. */
export type PostAttempt =
  | { answered: true; status: number; text: string; retryAfterMs: number | undefined }
  | { answered: false; error: string };

/** One POST of the result: where, with which token, how long to wait for it. */
export interface PostResultRequest {
  url: string;
  token: string;
  body: string;
  fetch: typeof fetch;
  timeoutMs: number;
  now: number;
}

// fetch hides the socket's reason (ECONNREFUSED, ENOTFOUND) in `cause`.
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === "TimeoutError") return "no answer in time";
  const cause = (error as Error & { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = typeof cause?.code === "string" ? cause.code : undefined;
  const detail = typeof cause?.message === "string" ? cause.message : undefined;
  return code ?? detail ?? error.message;
}

/** POSTs the result once; never throws for network trouble, only reports it. */
export async function postResult(request: PostResultRequest): Promise<PostAttempt> {
  try {
    const response = await request.fetch(request.url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${request.token}`,
        "content-type": "application/json",
        "user-agent": "quantapilot-action",
      },
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    const text = await response.text();
    const retryAfter = response.headers.get("retry-after") ?? undefined;
    const retryAfterMs = parseRetryAfter(
      retryAfter === undefined ? {} : { retryAfter },
      request.now,
    );
    return { answered: true, status: response.status, text, retryAfterMs };
  } catch (error) {
    return { answered: false, error: describeNetworkError(error) };
  }
}
