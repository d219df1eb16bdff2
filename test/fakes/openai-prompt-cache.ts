import { estimateTokens } from "./estimate-tokens.js";

/** How OpenAI reports a request's input: `prompt` includes `cached`. */
export interface OpenAICacheAccount {
  prompt: number;
  cached: number;
}

interface OpenAIBody {
  model?: unknown;
  tools?: unknown;
  messages?: unknown;
  prompt_cache_key?: unknown;
}

/** OpenAI's documented minimum cached prefix and the step cache hits grow by. */
const OPENAI = { minTokens: 1024, blockTokens: 128 };
/** Without a prompt_cache_key, requests are routed by (about) their first 256 tokens. */
const ROUTING_CHARS = 1024;

/**
 * OpenAI's automatic prompt caching as documented: a request reads the
 * longest prefix it shares with an earlier request routed to the same
 * cache (same model and `prompt_cache_key`, or the same opening when there
 * is none), counted in 128-token steps after the first 1,024 tokens;
 * shorter shared prefixes are not cached. Tools come before the messages.
 */
export function createOpenAIPromptCache(options: Partial<typeof OPENAI> = {}) {
  const { minTokens, blockTokens } = { ...OPENAI, ...options };
  const seen = new Map<string, string[]>();
  return {
    account(body: OpenAIBody): OpenAICacheAccount {
      const text = `${JSON.stringify(body.tools ?? [])}\n${JSON.stringify(body.messages ?? [])}`;
      const key =
        typeof body.prompt_cache_key === "string"
          ? `key:${body.prompt_cache_key}`
          : `start:${text.slice(0, ROUTING_CHARS)}`;
      const partition = `${String(body.model)}\u0000${key}`;
      const earlier = seen.get(partition) ?? [];
      const shared = Math.max(0, ...earlier.map((other) => commonPrefix(text, other)));
      const sharedTokens = Math.floor(shared / 4);
      const cached =
        sharedTokens < minTokens
          ? 0
          : minTokens + Math.floor((sharedTokens - minTokens) / blockTokens) * blockTokens;
      seen.set(partition, [...earlier, text]);
      return { prompt: estimateTokens(text), cached };
    },
  };
}

function commonPrefix(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  let i = 0;
  while (i < length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}
