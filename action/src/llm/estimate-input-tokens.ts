import type { CompletionRequest, Message } from "./types.js";

/** Characters per token assumed; real tokenizers give about 4 for English and 3–3.5 for code. */
const CHARS_PER_TOKEN = 3;

/**
 * A deliberately high estimate of a request's prompt tokens, from its size,
 * for checking a budget before the call; no tokenizer needed. Tool schemas
 * count as their JSON.
 */
export function estimateInputTokens(request: CompletionRequest): number {
  let chars = request.system.length + JSON.stringify(request.tools).length;
  for (const message of request.messages) chars += messageChars(message);
  return Math.ceil(chars / CHARS_PER_TOKEN);
}

function messageChars(message: Message): number {
  switch (message.role) {
    case "user":
      return message.content.length;
    case "assistant":
      return message.text.length + JSON.stringify(message.toolCalls).length;
    case "tool":
      return message.results.reduce((sum, r) => sum + r.content.length + r.toolCallId.length, 0);
  }
}
