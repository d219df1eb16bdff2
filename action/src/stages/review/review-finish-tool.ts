import { z } from "zod";
import { type AgentTool, defineTool } from "../../agent/tools/define-tool.js";
import { type ReviewNotes, VERDICTS } from "./review-notes.js";

const args = z.object({
  verdict: z
    .enum(VERDICTS)
    .describe(
      "approve: ready to merge; request_changes: an error must be fixed first; comment: remarks only.",
    ),
  summary: z
    .string()
    .min(1)
    .max(20_000)
    .describe("The review's body: what you checked, what is good, what must change and why."),
});

/** The reviewer's `finish`: ends the run with a verdict and the review's body. */
export function createReviewFinishTool(notes: ReviewNotes): AgentTool {
  return defineTool({
    name: "finish",
    description:
      "Call once when the review is done, with your verdict and the review's body. Your inline comments go with it.",
    args,
    async run({ verdict, summary }) {
      notes.verdict = verdict;
      return { content: "Review submitted.", finish: { summary } };
    },
  });
}
