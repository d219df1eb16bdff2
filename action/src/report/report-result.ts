import type { StageResult } from "../../../contract/stage-result.js";
import { type BackoffPolicy, backoffDelay } from "./backoff-delay.js";
import { describeAppAnswer } from "./describe-app-answer.js";
import { type PostAttempt, postResult } from "./post-result.js";

/** Whether the app has the result. A duplicate is a retry of ours the app had already taken. */
export type ReportOutcome =
  | { delivered: true; status: number; attempts: number; duplicate?: boolean }
  | { delivered: false; reason: string; attempts: number; status?: number };

/** Where and how the result is reported; every client is injectable. */
export interface ReportResultOptions {
  result: StageResult;
  resultUrl: string;
  audience: string;
  /** In Actions: `core.getIDToken`. Asked once per attempt, since a token may expire between them. */
  getIdToken: (audience: string) => Promise<string>;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  maxAttempts?: number;
  log?: (line: string) => void;
  /** Per attempt; default 60 s. */
  timeoutMs?: number;
  random?: () => number;
  now?: () => number;
  backoff?: BackoffPolicy;
}

// 408 and 429 say "later"; 5xx may be a deploy or a proxy.
const isRetryable = (status: number) => status === 408 || status === 429 || status >= 500;
// The app's answer to a run that already has a result (app/results/intake-result.ts).
const ALREADY_HAS_RESULT = /already has a result/;

/** Final, or retry: why, how long the server asked to wait, and whether this attempt may have landed. */
type Verdict =
  | { final: ReportOutcome }
  | { retry: string; retryAfterMs?: number | undefined; landed: boolean };

// An attempt that got no answer, or a gateway's or timeout's, may have reached the app.
const mayHaveLanded = (attempt: PostAttempt) =>
  !attempt.answered || attempt.status >= 500 || attempt.status === 408;

function judge(attempt: PostAttempt, number: number, landed: boolean): Verdict {
  if (!attempt.answered) {
    return { retry: `the app could not be reached (${attempt.error})`, landed: true };
  }
  const { status, text } = attempt;
  if (status >= 200 && status < 300)
    return { final: { delivered: true, status, attempts: number } };
  // An earlier attempt whose answer was lost landed after all: the result is there.
  if (status === 409 && landed && ALREADY_HAS_RESULT.test(text)) {
    return { final: { delivered: true, status, attempts: number, duplicate: true } };
  }
  const reason = describeAppAnswer(status, text);
  if (isRetryable(status)) {
    return { retry: reason, retryAfterMs: attempt.retryAfterMs, landed: mayHaveLanded(attempt) };
  }
  return { final: { delivered: false, reason, status, attempts: number } };
}

async function fetchToken(options: ReportResultOptions): Promise<string | { error: string }> {
  try {
    return await options.getIdToken(options.audience);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      error: `Could not get the job's OIDC token for ${options.audience} (${detail}); the workflow needs "permissions: id-token: write".`,
    };
  }
}

async function attemptOnce(
  options: ReportResultOptions,
  number: number,
  body: string,
  landed: boolean,
): Promise<Verdict> {
  const token = await fetchToken(options);
  if (typeof token !== "string") {
    return { final: { delivered: false, reason: token.error, attempts: number } };
  }
  const attempt = await postResult({
    url: options.resultUrl,
    token,
    body,
    fetch: options.fetch ?? fetch,
    timeoutMs: options.timeoutMs ?? 60_000,
    now: options.now?.() ?? Date.now(),
  });
  return judge(attempt, number, landed);
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * POSTs the stage result to the app with the job's OIDC token (a fresh one
 * per attempt). Network errors, timeouts, 408, 429 and 5xx are retried with
 * exponential backoff and jitter, honouring `retry-after`; any other answer
 * is final, with the app's own words as the reason. A 409 "already has a
 * result" after an attempt that may have landed (no answer, a timeout, a
 * 5xx) counts as delivered: the lost answer was a success.
 * Never throws.
 */
export async function reportResult(options: ReportResultOptions): Promise<ReportOutcome> {
  if (!URL.canParse(options.resultUrl)) {
    const reason = `The result URL ${JSON.stringify(options.resultUrl)} is not a URL; the spec is the app's to fix.`;
    return { delivered: false, reason, attempts: 0 };
  }
  const maxAttempts = Math.max(1, options.maxAttempts ?? 8);
  const log = options.log ?? (() => {});
  const body = JSON.stringify(options.result);
  let last = "";
  let landed = false;
  for (let number = 1; number <= maxAttempts; number++) {
    log(`Reporting the result to ${options.resultUrl} (attempt ${number} of ${maxAttempts})`);
    const verdict = await attemptOnce(options, number, body, landed);
    if ("final" in verdict) return verdict.final;
    landed ||= verdict.landed;
    last = verdict.retry;
    if (number === maxAttempts) break;
    const random = options.random ?? Math.random;
    const delay = backoffDelay(number, verdict.retryAfterMs, random, options.backoff);
    log(`${last}; retrying in ${(delay / 1000).toFixed(1)} s`);
    await (options.sleep ?? wait)(delay);
  }
  const reason = `The result was not delivered after ${maxAttempts} attempts: ${last}`;
  return { delivered: false, reason, attempts: maxAttempts };
}
