import { planFilePath } from "./plan/plan-file-path.js";
import { createAddReviewCommentTool } from "./review/add-review-comment-tool.js";
import { concludeReview } from "./review/conclude-review.js";
import { readCommentableLines } from "./review/read-commentable-lines.js";
import { readReviewDiff } from "./review/read-review-diff.js";
import { createReviewFinishTool } from "./review/review-finish-tool.js";
import type { ReviewNotes } from "./review/review-notes.js";
import type { StageContext, StageDefinition } from "./stage-definition.js";
import { READ_ONLY_TOOLS } from "./stage-tools.js";

function planPointer(context: StageContext): string {
  const { number } = context.spec.work_item;
  const issuePlan =
    number === undefined
      ? ""
      : ` and \`${planFilePath(number, context.spec.work_branch)}\` if it exists`;
  return `The plan is in \`docs/PLAN.md\`${issuePlan}; the conventions are AGENTS.md (above).`;
}

/**
 * review (reviewer): reads the change (base..HEAD of the work branch), the
 * plan and AGENTS.md; leaves inline comments with `add_review_comment` and a
 * verdict with `finish`. It cannot write files, and whatever a command it
 * runs leaves behind is not collected.
 */
export const reviewStage: StageDefinition = {
  stage: "review",
  role: "reviewer",
  tools: READ_ONLY_TOOLS,
  writes: false,
  maxOutputTokens: 8_000,
  async open(context) {
    const notes: ReviewNotes = { comments: [] };
    const diff = await readReviewDiff(context.root, context.diffBase);
    const commentable =
      context.diffBase === undefined
        ? undefined
        : await readCommentableLines(context.root, context.diffBase);
    return {
      brief: `# What this stage delivers\n\nReview the change below. ${planPointer(context)} Put each remark on its line with \`add_review_comment\` (severity error for what must be fixed before merging), then call \`finish\` with your verdict and the review's body.\n\n# The change\n\n${diff}`,
      tools: [
        createAddReviewCommentTool(context.guard, notes, commentable),
        createReviewFinishTool(notes),
      ],
      conclude: async (run) => concludeReview(notes, run),
    };
  },
};
