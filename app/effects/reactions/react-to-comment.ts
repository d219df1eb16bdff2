import type { ProbotOctokit } from "probot";
import type { Reaction } from "../../core/commands/acknowledgement.js";

export interface CommentPlace {
  owner: string;
  repo: string;
  commentId: number;
}

/**
 * Puts a reaction on an issue or PR comment. GitHub answers 200 instead of
 * 201 for a reaction that exists: reacting twice is harmless.
 */
export async function reactToComment(
  octokit: ProbotOctokit,
  place: CommentPlace,
  content: Reaction,
): Promise<void> {
  await octokit.request("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", {
    owner: place.owner,
    repo: place.repo,
    comment_id: place.commentId,
    content,
  });
}
