import type { TransactionSql } from "postgres";
import { z } from "zod";
import { storedConfig } from "../config/stored-config.js";
import { planAcknowledgement } from "../core/commands/acknowledgement.js";
import { parseCommands } from "../core/commands/parse.js";
import { parsePayload } from "../ingest/payload-error.js";
import { readItemState } from "../store/acknowledgements.js";
import { findProjectByRepoId, findWorkItemByNumber } from "../store/work-items.js";
import {
  type CommentTarget,
  queueMergeAcknowledgement,
  queueReaction,
  queueReply,
} from "./comment-replies.js";
import { defineHandler, type Handler } from "./define-handler.js";
import type { HandlerDeps } from "./handler-deps.js";
import { type CommandOutcome, runCommand } from "./run-command.js";

const schema = z.object({
  installation: z.object({ id: z.number().int().positive() }),
  repository: z.object({ id: z.number().int().positive() }),
  issue: z.object({ number: z.number().int().positive(), pull_request: z.unknown().optional() }),
  comment: z.object({
    id: z.number().int().positive(),
    body: z.string().nullable(),
    html_url: z.string(),
    user: z.object({ login: z.string(), id: z.number().int(), type: z.string() }),
    performed_via_github_app: z.object({ slug: z.string().optional() }).nullable().optional(),
  }),
});

/**
 * Slash commands in a new comment, run in order. Only `created`: an edited
 * comment never re-runs its commands. Comments by bots, apps and this app
 * itself are never read as commands.
 */
export function issueComment(deps: HandlerDeps): Handler {
  return defineHandler(["issue_comment.created"], async ({ context, tx, log, lastWritesSent }) => {
    const event = parsePayload(schema, context.payload, context.name);
    const { comment } = event;
    if (comment.user.type !== "User" || comment.performed_via_github_app) return;
    const parsed = parseCommands(comment.body ?? "", { appSlug: deps.appSlug });
    if (parsed.commands.length === 0 && parsed.unknown.length === 0) return;
    const project = await findProjectByRepoId(tx, event.repository.id);
    if (!project) return;
    const target: CommentTarget = {
      installationId: project.installationId,
      owner: project.owner,
      repo: project.name,
      issueNumber: event.issue.number,
      commentId: comment.id,
      deliveryId: context.id,
    };
    const common = {
      tx,
      octokit: context.octokit,
      deps,
      config: storedConfig(project.config),
      target,
      actor: { login: comment.user.login, id: comment.user.id },
      commentBody: comment.body ?? "",
      commentUrl: comment.html_url,
      workItemId: await findWorkItemByNumber(tx, project.id, event.issue.number),
      where:
        event.issue.pull_request === undefined ? ("issue" as const) : ("pull_request" as const),
      source: "comment" as const,
    };
    const outcomes: CommandOutcome[] = [];
    for (const [index, command] of parsed.commands.entries()) {
      outcomes.push(await runCommand(common, command, index));
    }
    for (const unknown of parsed.unknown) {
      const hint =
        unknown.problem === "unknown-command" && unknown.suggestion
          ? ` Did you mean /${unknown.suggestion}?`
          : "";
      const why =
        unknown.problem === "invalid-argument"
          ? unknown.message
          : `\`${unknown.name}\` is not a command I know.`;
      await queueReply(
        tx,
        target,
        `unknown:${unknown.line}`,
        `@${comment.user.login}: line ${unknown.line}: ${why}${hint} Try /help.`,
      );
    }
    // Only an approval taken here starts a merge: a /status during someone else's merge is done now.
    const approved = parsed.commands.some(
      (command, i) => command.name === "approve" && !command.cancel && outcomes[i] === "took",
    );
    const merging = approved && (await mergeUnderWay(tx, common.workItemId));
    const acknowledged = queueAcknowledgement(
      tx,
      target,
      common.workItemId,
      outcomes,
      parsed.unknown.length,
      merging,
    );
    lastWritesSent();
    await acknowledged;
    log.info(
      { commands: parsed.commands.length, unknown: parsed.unknown.length },
      "Commands handled",
    );
  });
}

async function mergeUnderWay(tx: TransactionSql, workItemId: number | undefined) {
  return workItemId !== undefined && (await readItemState(tx, workItemId)) === "merging";
}

/**
 * The comment's reaction, queued after everything its commands queued (see
 * `planAcknowledgement`): a refused person gets the reply and nothing else.
 */
function queueAcknowledgement(
  tx: TransactionSql,
  target: CommentTarget,
  workItemId: number | undefined,
  outcomes: CommandOutcome[],
  unknown: number,
  merging: boolean,
): Promise<unknown> {
  const plan = planAcknowledgement({ results: outcomes, unknown, merging });
  // Sent together, in this order, and nothing after them.
  return Promise.all([
    plan.react !== null && queueReaction(tx, target, plan.react),
    plan.afterMerge &&
      workItemId !== undefined &&
      queueMergeAcknowledgement(tx, target, workItemId),
  ]);
}
