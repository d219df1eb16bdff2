import { z } from "zod";
import { type AgentTool, defineTool } from "./define-tool.js";

const args = z.object({
  summary: z
    .string()
    .min(1)
    .max(20_000)
    .describe("What you did and why, what is left open, and what a person should check."),
});

/** `finish`: ends the agent's work; the loop stops and the summary goes into the result. */
export function createFinishTool(): AgentTool {
  return defineTool({
    name: "finish",
    description:
      "Call once when the task is done, or when you cannot go further, with a summary of what you did and anything left open.",
    args,
    async run({ summary }) {
      return { content: "Finished.", finish: { summary } };
    },
  });
}
