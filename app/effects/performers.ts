import type { Probot } from "probot";
import { z } from "zod";
import type { Performer } from "./outbox-worker.js";
import { postComment } from "./post-comment.js";
import { reportConfig, reportConfigPayload } from "./report-config.js";

const postCommentPayload = z.object({
  owner: z.string(),
  repo: z.string(),
  issueNumber: z.number().int().positive(),
  body: z.string(),
});

const reactPayload = z.object({
  owner: z.string(),
  repo: z.string(),
  commentId: z.number().int().positive(),
  content: z.enum(["eyes", "+1"]),
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
    async report_config(effect) {
      const { errors, ...rest } = reportConfigPayload.parse(effect.payload);
      const octokit = await probot.auth(effect.installationId);
      // Drop absent positions: the contract's error type has no explicit undefineds.
      const located = errors.map(({ line, column, ...error }) => ({
        ...error,
        ...(line === undefined ? {} : { line }),
        ...(column === undefined ? {} : { column }),
      }));
      await reportConfig(octokit, { ...rest, errors: located });
    },
    // GitHub answers 200 instead of 201 for a reaction that exists: reacting twice is harmless.
    async react(effect) {
      const { owner, repo, commentId, content } = reactPayload.parse(effect.payload);
      const octokit = await probot.auth(effect.installationId);
      await octokit.request("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", {
        owner,
        repo,
        comment_id: commentId,
        content,
      });
    },
  };
}
