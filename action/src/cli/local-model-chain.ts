import type { ChainEntry, QuantaPilotConfig, RoleName } from "../../../contract/config.js";
import { chainEntrySchema } from "../../../contract/config.js";
import type { Env } from "../agent/redactor.js";
import { resolveApiKey } from "../llm/resolve-api-key.js";
import type { CliOptions } from "./parse-cli-args.js";
import { UsageError } from "./parse-cli-args.js";

const DEFAULT_MODELS = { anthropic: "claude-sonnet-4-5", openai: "gpt-4.1" } as const;
const OLLAMA_URL = "http://localhost:11434/v1";

/**
 * The chain a local run uses: the one `--provider`/`--model`/`--base-url`
 * name, else the config's for the role. Fails before any work when no model
 * of it has a key, saying which variable to set or how to use a local model.
 */
export function localModelChain(
  options: CliOptions,
  config: QuantaPilotConfig,
  role: RoleName,
  env: Env,
): ChainEntry[] {
  const chain =
    options.provider === undefined ? [...config.models[role].chain] : [fromFlags(options)];
  if (chain.some((entry) => resolveApiKey(entry, env).ok)) return chain;
  const reasons = chain.map((entry) => {
    const key = resolveApiKey(entry, env);
    return `  ${entry.provider} ${entry.model}: ${key.ok ? "usable" : key.reason}`;
  });
  throw new UsageError(
    `No model can be used:\n${reasons.join("\n")}\nSet ANTHROPIC_API_KEY or OPENAI_API_KEY, or use a local model: --provider openai-compatible --base-url ${OLLAMA_URL} --model <model>.`,
  );
}

function fromFlags(options: CliOptions): ChainEntry {
  const provider = options.provider ?? "anthropic";
  if (provider === "openai-compatible" && options.model === undefined) {
    throw new UsageError(
      "--model is required with --provider openai-compatible (e.g. qwen2.5-coder).",
    );
  }
  const model =
    options.model ?? DEFAULT_MODELS[provider === "openai-compatible" ? "openai" : provider];
  const baseUrl = options.baseUrl ?? (provider === "openai-compatible" ? OLLAMA_URL : undefined);
  const parsed = chainEntrySchema.safeParse({
    provider,
    model,
    ...(baseUrl ? { base_url: baseUrl } : {}),
  });
  if (!parsed.success) {
    throw new UsageError(
      `--provider/--model/--base-url: ${parsed.error.issues.map((i) => i.message).join("; ")}`,
    );
  }
  return parsed.data;
}
