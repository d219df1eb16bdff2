import { z } from "zod";
import { storedConfig } from "../config/stored-config.js";
import type { Command } from "../core/commands/command.js";
import { parsePayload } from "../ingest/payload-error.js";
import { findProjectByRepoId, findWorkItemByNumber } from "../store/work-items.js";
import { defineHandler, type Handler } from "./define-handler.js";
import type { HandlerDeps } from "./handler-deps.js";
import { readReviewFeedback } from "./review-feedback.js";
import { runCommand } from "./run-command.js";

const schema = z.object({
  installation: z.object({ id: z.number().int().positive() }),
  repository: z.object({ id: z.number().int().positive() }),
  pull_request: z.object({ number: z.number().int().positive() }),
  review: z.object({
    id: z.number().int().positive(),
    state: z.string(),
    body: z.string().nullable(),
    commit_id: z.string().regex(/^[0-9a-f]{40}$/),
    html_url: z.string(),
    user: z.object({ login: z.string(), id: z.number().int(), type: z.string() }).nullable(),
  }),
});

/** An approving review is `/approve` at the reviewed commit; "changes requested" is `/reject`. */
function reviewCommand(review: z.output<typeof schema>["review"]): Command | undefined {
  const state = review.state.toLowerCase();
  const source = { line: 0, text: `review ${state}` };
  if (state === "approved")
    return { name: "approve", cancel: false, sha: review.commit_id, ...source };
  if (state !== "changes_requested") return undefined; // comments and dismissals decide nothing
  return { name: "reject", reason: "", ...source };
}

/**
 * PR reviews on a work item's PR, under the same policy as commands: the
 * reviewer needs write access (and to be an approver to approve).
 */
export function pullRequestReview(deps: HandlerDeps): Handler {
  return defineHandler(["pull_request_review.submitted"], async ({ context, tx }) => {
    const event = parsePayload(schema, context.payload, context.name);
    const { review } = event;
    const command = reviewCommand(review);
    if (!command || review.user?.type !== "User") return;
    const project = await findProjectByRepoId(tx, event.repository.id);
    const workItemId =
      project && (await findWorkItemByNumber(tx, project.id, event.pull_request.number));
    if (!project || workItemId === undefined) return;
    // The review's inline comments are feedback too: fetched only for a rejection.
    const steer =
      command.name === "reject"
        ? {
            ...command,
            reason: await readReviewFeedback(context.octokit, {
              owner: project.owner,
              repo: project.name,
              pullNumber: event.pull_request.number,
              reviewId: review.id,
              body: review.body,
            }),
          }
        : command;
    const run = {
      tx,
      octokit: context.octokit,
      deps,
      config: storedConfig(project.config),
      target: {
        installationId: project.installationId,
        owner: project.owner,
        repo: project.name,
        issueNumber: event.pull_request.number,
        commentId: review.id,
        deliveryId: context.id,
      },
      actor: { login: review.user.login, id: review.user.id },
      commentBody: review.body ?? "",
      commentUrl: review.html_url,
      workItemId,
      where: "pull_request" as const,
      source: "review" as const,
    };
    await runCommand(run, steer, 0);
  });
}
