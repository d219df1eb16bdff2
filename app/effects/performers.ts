import type { Probot } from "probot";
import { z } from "zod";
import type { Performer } from "./outbox-worker.js";
import { postComment } from "./post-comment.js";

const postCommentPayload = z.object({
  owner: z.string(),
  repo: z.string(),
  issueNumber: z.number().int().positive(),
  body: z.string(),
});

/**
 * The outbox's performers by effect kind, each with the installation's token.
 * Probot's Octokit retries 5xx and honours GitHub's rate limits itself; what
 * still fails comes back to the worker, which retries it later.
 */
export function createPerformers(probot: Probot): Record<string, Performer> {
  return {
    async post_comment(effect, log) {
      const octokit = await probot.auth(effect.installationId);
      await postComment(octokit, effect, postCommentPayload.parse(effect.payload), log);
    },
  };
}
