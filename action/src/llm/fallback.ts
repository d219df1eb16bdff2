import type { CircuitBreaker } from "./circuit-breaker.js";
import type { Clock } from "./clock.js";
import { type ChainAttempt, ModelChainError } from "./model-chain-error.js";
import { ProviderError } from "./provider-error.js";
import { type RetryPolicy, withRetry } from "./retry.js";
import type { ChatModel, Completion, CompletionRequest, ModelRef } from "./types.js";

/** One model of a chain, with the breaker of its provider endpoint. */
export interface ChainLink {
  ref: ModelRef;
  model: ChatModel;
  breaker: CircuitBreaker;
}

/** One call through the chain: who served it (none when all failed) and what was tried first. */
export interface CallRecord {
  servedBy?: ModelRef;
  /** Every model tried, in order; the ones before `servedBy` say why a fallback happened. */
  attempts: ChainAttempt[];
}

/** A chain that remembers every call, for the transcript and the stage result. */
export interface FallbackChatModel extends ChatModel {
  history(): readonly CallRecord[];
}

/** What the chain needs: retry policy, clock, jitter, and what was skipped when it was built. */
export interface FallbackOptions {
  policy: RetryPolicy;
  clock: Clock;
  random: () => number;
  /** Models left out when the chain was built (no key…); reported if every model fails. */
  skipped?: readonly ChainAttempt[];
  /** The role, named in errors so the user knows which config key to change. */
  role?: string;
}

/**
 * Tries each model in order: a model whose breaker is open is skipped; a
 * model is retried per the policy, then the next one is tried. Every
 * provider error moves on (a 400 on one model may be fine on the next);
 * other errors (an aborted call, a bug) are thrown as they are. When none
 * answers, throws {@link ModelChainError} with each model's reason.
 */
export function createFallbackChatModel(
  links: readonly ChainLink[],
  options: FallbackOptions,
): FallbackChatModel {
  const history: CallRecord[] = [];
  return {
    history: () => history,
    async complete(request: CompletionRequest): Promise<Completion> {
      const attempts: ChainAttempt[] = [];
      for (const link of links) {
        const { attempt, completion } = await tryLink(link, request, options);
        attempts.push(attempt);
        if (completion) {
          history.push({ servedBy: link.ref, attempts });
          return completion;
        }
      }
      history.push({ attempts });
      const all = [...(options.skipped ?? []), ...attempts];
      throw new ModelChainError("all_models_failed", all, options.role);
    },
  };
}

interface LinkOutcome {
  attempt: ChainAttempt;
  completion?: Completion;
}

async function tryLink(
  link: ChainLink,
  request: CompletionRequest,
  options: FallbackOptions,
): Promise<LinkOutcome> {
  const { ref, breaker } = link;
  const refusal = () =>
    breaker.allowRequest() ? undefined : (breaker.describe() ?? "circuit open");
  const closed = refusal();
  if (closed !== undefined) {
    return { attempt: { ...ref, outcome: "skipped", attempts: 0, reason: closed } };
  }
  const deps = { clock: options.clock, random: options.random, canContinue: refusal };
  const result = await withRetry(() => callThroughBreaker(link, request), options.policy, deps);
  if (result.ok) {
    const attempt: ChainAttempt = { ...ref, outcome: "served", attempts: result.attempts };
    return { attempt, completion: result.value };
  }
  if (!(result.error instanceof ProviderError)) throw result.error;
  const reason = `${result.error.detail}; ${result.stoppedBecause}`;
  return { attempt: { ...ref, outcome: "failed", attempts: result.attempts, reason } };
}

// A provider that answered with a client error (400, 401, 404…) is up; only no answer, 429, 5xx and 529 count against it.
async function callThroughBreaker(
  link: ChainLink,
  request: CompletionRequest,
): Promise<Completion> {
  try {
    const completion = await link.model.complete(request);
    link.breaker.recordSuccess();
    return completion;
  } catch (error) {
    if (error instanceof ProviderError) {
      if (error.isClientError) link.breaker.recordSuccess();
      else link.breaker.recordFailure();
    }
    throw error;
  }
}
