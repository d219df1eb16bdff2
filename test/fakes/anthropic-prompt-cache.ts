import { createHash } from "node:crypto";
import { estimateTokens } from "./estimate-tokens.js";

/** How Anthropic splits a request's input: `input` excludes both cache counts. */
export interface AnthropicCacheAccount {
  input: number;
  cacheRead: number;
  cacheWrite: number;
}

interface AnthropicBody {
  model?: unknown;
  tools?: unknown;
  system?: unknown;
  messages?: unknown;
}

/** Anthropic's documented minimum cacheable prompt (Sonnet/Opus) and breakpoint lookback. */
const ANTHROPIC = { minTokens: 1024, lookbackBlocks: 20 };

/**
 * Anthropic's prompt cache as the Messages API documents it: the prompt is
 * tools, then system, then messages, block by block; each `cache_control`
 * breakpoint writes the prefix up to it (if at least `minTokens` long), and
 * a request reads the longest earlier-written prefix that ends at one of its
 * breakpoints or up to 20 blocks before one. Cache entries are per model.
 */
export function createAnthropicPromptCache(options: Partial<typeof ANTHROPIC> = {}) {
  const { minTokens, lookbackBlocks } = { ...ANTHROPIC, ...options };
  const written = new Set<string>();
  return {
    account(body: AnthropicBody): AnthropicCacheAccount {
      const blocks = anthropicBlocks(body);
      const hashes = prefixHashes(String(body.model), blocks);
      const tokens = cumulativeTokens(blocks);
      const breakpoints = blocks.flatMap((block, i) => (block.breakpoint ? [i] : []));
      let readAt = -1;
      for (const b of breakpoints) {
        for (let p = b; p >= Math.max(0, b - lookbackBlocks); p--) {
          if (written.has(hashes[p] ?? "")) readAt = Math.max(readAt, p);
        }
      }
      const cacheRead = readAt < 0 ? 0 : (tokens[readAt] ?? 0);
      const last = breakpoints.at(-1) ?? -1;
      const through = last < 0 ? 0 : (tokens[last] ?? 0);
      const cacheWrite = last > readAt && through >= minTokens ? through - cacheRead : 0;
      for (const b of breakpoints) if ((tokens[b] ?? 0) >= minTokens) written.add(hashes[b] ?? "");
      return { input: (tokens.at(-1) ?? 0) - cacheRead - cacheWrite, cacheRead, cacheWrite };
    },
  };
}

interface Block {
  text: string;
  breakpoint: boolean;
}

// Each block as canonical text without its cache_control, so a moving breakpoint changes no hash.
function anthropicBlocks(body: AnthropicBody): Block[] {
  const block = (value: unknown, prefix = ""): Block => {
    const { cache_control, ...rest } = (
      typeof value === "object" && value !== null ? value : { text: value }
    ) as Record<string, unknown>;
    return { text: prefix + JSON.stringify(rest), breakpoint: cache_control !== undefined };
  };
  const list = (value: unknown) => (Array.isArray(value) ? value : value ? [value] : []);
  const messages = list(body.messages) as Array<{ role?: unknown; content?: unknown }>;
  return [
    ...list(body.tools).map((tool) => block(tool, "tool:")),
    ...list(body.system).map((part) => block(part, "system:")),
    ...messages.flatMap((m) => list(m.content).map((part) => block(part, `${String(m.role)}:`))),
  ];
}

function prefixHashes(seed: string, blocks: readonly Block[]): string[] {
  let hash = createHash("sha256").update(seed).digest("hex");
  return blocks.map((block) => {
    hash = createHash("sha256").update(hash).update(block.text).digest("hex");
    return hash;
  });
}

function cumulativeTokens(blocks: readonly Block[]): number[] {
  let sum = 0;
  return blocks.map((block) => {
    sum += estimateTokens(block.text);
    return sum;
  });
}
