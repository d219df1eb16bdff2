import type { TransactionSql } from "postgres";
import type { QuantaPilotConfig } from "../../contract/config.js";
import { getApproverTeams } from "../auth/get-approver-teams.js";
import { getPermission, type RequestOctokit } from "../auth/get-permission.js";
import { authorise } from "../core/commands/authorise.js";
import type { Command } from "../core/commands/command.js";
import { renderHelp } from "../core/commands/help.js";
import { renderRefusal } from "../core/commands/render-refusal.js";
import { renderBudget, renderStatus } from "../core/commands/render-report.js";
import { toPipelineEvent } from "../core/commands/to-pipeline-event.js";
import { isTerminal } from "../core/pipeline/state.js";
import { applyPipelineEvent } from "../pipeline/apply-pipeline-event.js";
import { type Decision, decisionWrite, recordDecision } from "../store/decisions.js";
import { loadPipeline } from "../store/pipeline-store.js";
import { type CommentTarget, queueReply } from "./comment-replies.js";
import type { HandlerDeps } from "./handler-deps.js";

export interface CommandContext {
  tx: TransactionSql;
  octokit: RequestOctokit;
  deps: HandlerDeps;
  config: QuantaPilotConfig;
  target: CommentTarget;
  actor: { login: string; id: number };
  commentBody: string;
  commentUrl: string;
  workItemId: number | undefined;
  where: "issue" | "pull_request";
  source: "comment" | "review" | "check_run" | "dashboard";
  /**
   * Why the command, though authorised, acts on something that has changed
   * since the person saw it (a dashboard box drawn for an older run): it is
   * refused with this reason, recorded, and answered like any refusal.
   */
  stale?: string;
}

/**
 * What became of a command: it took; it was authorised but could not be done
 * (the reply says why); or the policy refused it, so that nothing but the
 * refusal reply may reach GitHub (not even a 👀).
 */
export type CommandOutcome = "took" | "refused" | "unauthorised";

/**
 * One command: authorised first (nothing happens otherwise, but the reply),
 * then turned into a pipeline event or a report.
 */
export async function runCommand(
  context: CommandContext,
  command: Command,
  index: number,
): Promise<CommandOutcome> {
  const { tx, target, actor } = context;
  const refusal = await checkAuthorised(context, command);
  if (refusal) {
    await queueReply(tx, target, `${index}`, refusal);
    return "unauthorised";
  }
  const effect = toPipelineEvent(command, actor.login, new Date().toISOString());
  if (effect.kind === "report") return report(context, effect.report, index);
  if (context.workItemId === undefined) {
    await queueReply(
      tx,
      target,
      `${index}`,
      `@${actor.login}: there is no QuantaPilot work here to ${command.name}. Label an issue to start one.`,
    );
    return "refused";
  }
  const workItemId = context.workItemId;
  const decision = (reason: string | null): Decision => ({
    workItemId,
    actorLogin: actor.login,
    actorId: actor.id,
    command: command.name,
    args: command.text,
    sha: command.name === "approve" && !command.cancel ? (command.sha ?? null) : null,
    source: context.source,
    sourceUrl: context.commentUrl,
    deliveryId: target.deliveryId,
    accepted: reason === null,
    reason,
  });
  // An applied command's decision is written with the change, as part of its statement.
  const outcome =
    context.stale === undefined
      ? await applyPipelineEvent(tx, workItemId, effect.event, `${target.deliveryId}:${index}`, {
          alongside: () => decisionWrite(decision(null)),
        })
      : ({ applied: false, reason: context.stale } as const);
  if (outcome.applied) return "took";
  await Promise.all([
    recordDecision(tx, decision(outcome.reason)),
    queueReply(tx, target, `${index}`, `@${actor.login}: ${outcome.reason}`),
  ]);
  return "refused";
}

async function checkAuthorised(
  context: CommandContext,
  command: Command,
): Promise<string | undefined> {
  const { deps, octokit, target, actor, config } = context;
  const username = actor.login;
  const actorPermission = await getPermission(
    { octokit, cache: deps.permissions },
    { owner: target.owner, repo: target.repo, username },
  );
  const teams = command.name === "approve" ? config.approvers.teams : [];
  const actorTeams = await getApproverTeams({ octokit, cache: deps.teams }, { teams, username });
  const verdict = authorise({
    command: command.name,
    actor: { login: username, type: "User", isApp: false },
    actorPermission,
    actorTeams,
    config: { permissions: config.permissions, approvers: config.approvers },
  });
  if (verdict.allowed) return undefined;
  return renderRefusal({ login: username, ...verdict, commentBody: context.commentBody });
}

async function report(
  context: CommandContext,
  kind: "status" | "budget" | "help",
  index: number,
): Promise<CommandOutcome> {
  const { tx, target, actor, config, deps } = context;
  const loaded =
    context.workItemId === undefined ? undefined : await loadPipeline(tx, context.workItemId);
  const body =
    kind === "help" || !loaded
      ? renderHelp({
          where: context.where,
          // A finished item takes no more steering: /help lists only what reports.
          itemState: !loaded ? "none" : isTerminal(loaded.state.item.state) ? "closed" : "open",
          permissions: config.permissions,
          approvers: config.approvers,
          appSlug: deps.appSlug,
        })
      : kind === "status"
        ? renderStatus(actor.login, loaded.state)
        : renderBudget(actor.login, loaded.state);
  await queueReply(tx, target, `${index}`, body);
  return "took";
}
