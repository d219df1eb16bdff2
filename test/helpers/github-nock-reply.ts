import type nock from "nock";

type ReplyArgs = Parameters<nock.Interceptor["reply"]>;
type ReplyFunction = (this: nock.ReplyFnContext, uri: string, body: nock.Body) => unknown;

/** The 422 GitHub-shaped answer an invalid request gets instead of its mock. */
export const REJECTION_MESSAGE = "Request does not match GitHub's OpenAPI description";

/**
 * Makes every interceptor created on `scope` answer 422 `{ message, errors }`
 * when `rejectionFor(req)` returns problems, and its mocked reply otherwise.
 * Every form of `.reply(...)` is kept by turning it into one reply function;
 * `.replyWithError` is left alone (the request still counts as invalid).
 */
export function guardReplies(
  scope: nock.Scope,
  rejectionFor: (req: object) => string[] | undefined,
): void {
  // `get`, `post`, … all go through `intercept`, so wrapping it covers them.
  const intercept = scope.intercept.bind(scope);
  scope.intercept = (...args) => {
    const interceptor = intercept(...args);
    const reply = interceptor.reply.bind(interceptor) as (fn: ReplyFunction) => nock.Scope;
    interceptor.reply = ((...replyArgs: ReplyArgs) =>
      reply(async function (this: nock.ReplyFnContext, uri, body) {
        const errors = rejectionFor(this.req);
        if (errors) return [422, { message: REJECTION_MESSAGE, errors }];
        return mockedReply(this, replyArgs, uri, body);
      })) as nock.Interceptor["reply"];
    return interceptor;
  };
}

// Mirrors nock's own reading of `.reply(status?, body?, headers?)` and `.reply(fn)`.
async function mockedReply(
  context: nock.ReplyFnContext,
  args: ReplyArgs,
  uri: string,
  body: nock.Body,
): Promise<unknown> {
  const [status, replyBody, headers] = args as unknown[];
  if (typeof status === "function") return call(status as ReplyFunction, context, uri, body);
  const resolved =
    typeof replyBody === "function"
      ? await call(replyBody as ReplyFunction, context, uri, body)
      : replyBody;
  return [status ?? 200, resolved, headers];
}

// Nock treats a three-argument reply function as callback-style.
function call(fn: ReplyFunction, context: nock.ReplyFnContext, uri: string, body: nock.Body) {
  if (fn.length !== 3) return fn.call(context, uri, body);
  return new Promise((resolve, reject) => {
    const done = (error: unknown, result: unknown) => (error ? reject(error) : resolve(result));
    (fn as (...args: unknown[]) => void).call(context, uri, body, done);
  });
}
