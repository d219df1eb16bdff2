import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createAnthropicPromptCache } from "../test/fakes/anthropic-prompt-cache.js";
import { createOpenAIPromptCache } from "../test/fakes/openai-prompt-cache.js";

/** One request's input tokens as the provider's cache would split them. */
export interface CacheSplit {
  input: number;
  cacheRead: number;
}

/** A proxy in front of a fake provider that rewrites each answer's usage from its own cache. */
export interface CacheProxy {
  origin: string;
  /** Per request, in order. */
  splits: CacheSplit[];
  close(): Promise<void>;
}

type Usage = Record<string, unknown>;

/**
 * The scripted fakes answer with usage fixed when the script was written;
 * this proxy forwards to them and replaces the usage with what the
 * provider's prompt cache would report for the request actually sent.
 */
export async function startCacheProxy(
  provider: "anthropic" | "openai",
  target: string,
): Promise<CacheProxy> {
  const rewrite = provider === "anthropic" ? anthropicRewriter() : openaiRewriter();
  const splits: CacheSplit[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([name]) => !["host", "content-length"].includes(name)),
    ) as Record<string, string>;
    const answer = await fetch(new URL(req.url ?? "/", target), {
      method: req.method ?? "POST",
      headers,
      body,
    });
    const json = (await answer.json()) as { usage?: Usage };
    if (answer.ok && json.usage) splits.push(rewrite(JSON.parse(body), json.usage));
    res.writeHead(answer.status, { "content-type": "application/json" });
    res.end(JSON.stringify(json));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    splits,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function anthropicRewriter() {
  const cache = createAnthropicPromptCache();
  return (body: object, usage: Usage): CacheSplit => {
    const account = cache.account(body);
    usage.input_tokens = account.input;
    usage.cache_read_input_tokens = account.cacheRead;
    usage.cache_creation_input_tokens = account.cacheWrite;
    return {
      input: account.input + account.cacheRead + account.cacheWrite,
      cacheRead: account.cacheRead,
    };
  };
}

function openaiRewriter() {
  const cache = createOpenAIPromptCache();
  return (body: object, usage: Usage): CacheSplit => {
    const { prompt, cached } = cache.account(body);
    usage.prompt_tokens = prompt;
    usage.total_tokens = prompt + Number(usage.completion_tokens ?? 0);
    usage.prompt_tokens_details = { cached_tokens: cached, audio_tokens: 0 };
    return { input: prompt, cacheRead: cached };
  };
}
