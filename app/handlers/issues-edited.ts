import { z } from "zod";
import { storedConfig } from "../config/stored-config.js";
import { MAX_COMMANDS } from "../core/commands/parse.js";
import { DASHBOARD_MARKER } from "../core/report/dashboard.js";
import { staleTick, tickCommand } from "../core/report/dashboard-tick-command.js";
import { type DashboardTick, findNewTicks, tickId } from "../core/report/dashboard-ticks.js";
import { parsePayload } from "../ingest/payload-error.js";
import { readTickedItems } from "../store/dashboard.js";
import { queueDashboardUpdate } from "../store/dashboard-updates.js";
import { findProjectByRepoId, type ProjectRow } from "../store/work-items.js";
import { type CommentTarget, queueReply } from "./comment-replies.js";
import { defineHandler, type Handler, type HandlerInput } from "./define-handler.js";
import type { HandlerDeps } from "./handler-deps.js";
import { type CommandContext, runCommand } from "./run-command.js";

const user = z.object({ login: z.string(), id: z.number().int(), type: z.string() });

const schema = z.object({
  installation: z.object({ id: z.number().int().positive() }),
  repository: z.object({ id: z.number().int().positive() }),
  issue: z.object({
    number: z.number().int().positive(),
    body: z.string().nullable(),
    html_url: z.string(),
    user: user.nullable(),
  }),
  changes: z.object({ body: z.object({ from: z.string() }).optional() }).optional(),
  sender: user,
});

type Edit = z.output<typeof schema>;

// Only a person's edit of the app's own dashboard counts: the app's edits, bots, and
// look-alike issues anyone can write with the marker pasted in change nothing.
function isPersonTickingOurDashboard(edit: Edit, appSlug: string): boolean {
  const { issue, sender } = edit;
  const person = sender.type === "User" && !sender.login.toLowerCase().endsWith("[bot]");
  const ours = issue.user?.login === `${appSlug}[bot]`;
  return person && ours && (issue.body ?? "").includes(DASHBOARD_MARKER);
}

function lineOf(body: string, tick: DashboardTick): string {
  const line = body.split(/\r?\n/).find((text) => text.includes(tickId(tick))) ?? "";
  return line.replace(/<!--[\s\S]*?-->/g, "").trim();
}

// Replies go to the dashboard issue, where the person ticked; an issue body takes no reactions.
function dashboardThread(project: ProjectRow, edit: Edit, deliveryId: string): CommentTarget {
  return {
    installationId: project.installationId,
    owner: project.owner,
    repo: project.name,
    issueNumber: edit.issue.number,
    commentId: 0,
    deliveryId,
  };
}

async function runTicks(
  input: HandlerInput<"issues.edited">,
  deps: HandlerDeps,
  project: ProjectRow,
  edit: Edit,
  ticks: readonly DashboardTick[],
): Promise<void> {
  const { tx, context } = input;
  const ids = ticks.map((tick) => tick.workItemId);
  const items = await readTickedItems(tx, project.id, ids);
  const target = dashboardThread(project, edit, context.id);
  for (const [index, tick] of ticks.entries()) {
    const item = items.get(tick.workItemId);
    if (item === undefined) {
      const why = `@${edit.sender.login}: that box names a work item this repository does not have; nothing was done. The dashboard is drawn again.`;
      await queueReply(tx, target, `${index}`, why);
      continue;
    }
    const stale = staleTick(tick, item.lastRunNumber);
    const command: CommandContext = {
      tx,
      octokit: context.octokit,
      deps,
      config: storedConfig(project.config),
      target,
      actor: { login: edit.sender.login, id: edit.sender.id },
      commentBody: lineOf(edit.issue.body ?? "", tick),
      commentUrl: edit.issue.html_url,
      workItemId: tick.workItemId,
      where: "issue",
      source: "dashboard",
      ...(stale === null ? {} : { stale }),
    };
    await runCommand(command, tickCommand(tick), index);
  }
}

async function refuseExtraTicks(
  { tx, context }: HandlerInput<"issues.edited">,
  project: ProjectRow,
  edit: Edit,
  count: number,
): Promise<void> {
  const target = dashboardThread(project, edit, context.id);
  const why = `@${edit.sender.login}: ${count} boxes were ticked in one edit; only the first ${MAX_COMMANDS} were acted on. Tick the others again.`;
  await queueReply(tx, target, "too-many", why);
}

/**
 * A person ticked boxes on the dashboard issue (`issues.edited`, whose
 * `changes.body.from` is the body before the edit): each newly ticked box
 * runs its command under that person's name, through the same policy and
 * decision log as the command typed in a comment. The dashboard is then
 * drawn again, which unticks every box: a refused tick leaves nothing behind.
 */
export function issuesEdited(deps: HandlerDeps): Handler {
  return defineHandler(["issues.edited"], async (input) => {
    const edit = parsePayload(schema, input.context.payload, input.context.name);
    const before = edit.changes?.body?.from;
    if (before === undefined || !isPersonTickingOurDashboard(edit, deps.appSlug)) return;
    const ticks = findNewTicks(before, edit.issue.body ?? "");
    if (ticks.length === 0) return;
    const project = await findProjectByRepoId(input.tx, edit.repository.id);
    if (!project) return;
    // As many as one comment may carry: boxes someone pasted in by the hundred cannot flood the thread.
    await runTicks(input, deps, project, edit, ticks.slice(0, MAX_COMMANDS));
    if (ticks.length > MAX_COMMANDS) await refuseExtraTicks(input, project, edit, ticks.length);
    await queueDashboardUpdate(input.tx, { projectId: project.id }, input.context.id);
    input.log.info({ ticks: ticks.length }, "Dashboard ticks handled");
  });
}
