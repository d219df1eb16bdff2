import type { ChainEntry } from "../../../contract/config.js";
import { ANTHROPIC_BASE_URL, createAnthropicChatModel } from "./anthropic.js";
import { createOpenAIChatModel, OPENAI_BASE_URL } from "./openai.js";
import type { ChatModel } from "./types.js";

/**
 * The adapter for one chain entry, given its resolved key. An
 * `openai-compatible` entry always has a `base_url` (the config requires
 * it); `anthropic` and `openai` default to the public endpoints.
 */
export function createProviderModel(
  entry: ChainEntry,
  apiKey: string | undefined,
  timeoutMs?: number,
): ChatModel {
  const common = { model: entry.model, ...(timeoutMs === undefined ? {} : { timeoutMs }) };
  if (entry.provider === "anthropic") {
    return createAnthropicChatModel({
      ...common,
      apiKey: apiKey ?? "",
      baseURL: entry.base_url ?? ANTHROPIC_BASE_URL,
    });
  }
  return createOpenAIChatModel({
    ...common,
    provider: entry.provider,
    baseURL: entry.base_url ?? OPENAI_BASE_URL,
    ...(apiKey === undefined ? {} : { apiKey }),
  });
}

/** The endpoint an entry calls: one circuit breaker per endpoint. */
export function endpointOf(entry: ChainEntry): string {
  const fallback = entry.provider === "anthropic" ? ANTHROPIC_BASE_URL : OPENAI_BASE_URL;
  return `${entry.provider} ${(entry.base_url ?? fallback).replace(/\/+$/, "")}`;
}
