import type { JSONValue, TransactionSql } from "postgres";
import { z } from "zod";
import { isAtLeast, type StageName } from "../../contract/config.js";
import { getPermission } from "../auth/get-permission.js";
import { storedConfig } from "../config/stored-config.js";
import { workBranchName } from "../core/work-branch.js";
import { parsePayload } from "../ingest/payload-error.js";
import { applyPipelineEvent } from "../pipeline/apply-pipeline-event.js";
import { recordDecision } from "../store/decisions.js";
import { enqueueEffects } from "../store/outbox.js";
import { ensureIssueWorkItem, findProjectByRepoId, type ProjectRow } from "../store/work-items.js";
import { defineHandler, type Handler } from "./define-handler.js";
import type { HandlerDeps } from "./handler-deps.js";

const schema = z.object({
  installation: z.object({ id: z.number().int().positive() }),
  repository: z.object({
    id: z.number().int().positive(),
    name: z.string(),
    owner: z.object({ login: z.string() }),
  }),
  issue: z.object({
    number: z.number().int().positive(),
    title: z.string(),
    html_url: z.string().optional(),
    pull_request: z.unknown().optional(),
  }),
  label: z.object({ name: z.string() }),
  sender: z.object({ login: z.string(), id: z.number().int(), type: z.string() }),
});
type Labeled = z.output<typeof schema>;

/** The stage a label starts, by the project's configured labels (case-insensitive, as GitHub's). */
function stageOfLabel(config: unknown, label: string): StageName | undefined {
  const labels = storedConfig(config).labels;
  const match = Object.entries(labels).find(
    ([, name]) => name.toLowerCase() === label.toLowerCase(),
  );
  return match?.[0] as StageName | undefined;
}

/**
 * `issues.labeled` with a stage label starts a work item at that stage. The
 * label's sender needs write permission, like a command; bots never count.
 */
export function issueLabeled(deps: HandlerDeps): Handler {
  return defineHandler(["issues.labeled"], async ({ context, tx, log, lastWritesSent }) => {
    const event = parsePayload(schema, context.payload, context.name);
    if (event.issue.pull_request !== undefined) return; // labels on PRs do not start work
    const project = await findProjectByRepoId(tx, event.repository.id);
    const stage = project && stageOfLabel(project.config, event.label.name);
    if (!project || !stage || event.sender.type !== "User") return;
    const permission = await getPermission(
      { octokit: context.octokit, cache: deps.permissions },
      { owner: project.owner, repo: project.name, username: event.sender.login },
    );
    if (permission === "none" || !isAtLeast(permission, "write")) {
      const body = `@${event.sender.login}: starting QuantaPilot's ${stage} stage needs write permission on this repository; you have ${permission}. Nothing was started.`;
      await replyOnIssue(tx, project, event, context.id, body);
      log.info({ sender: event.sender.login, permission }, "Stage label refused");
      return;
    }
    await startWorkItem(tx, project, event, stage, context.id, lastWritesSent);
  });
}

async function startWorkItem(
  tx: TransactionSql,
  project: ProjectRow,
  event: Labeled,
  stage: StageName,
  deliveryId: string,
  lastWritesSent: () => void,
) {
  // Created and loaded in one round trip (the load is pipelined behind the insert), then
  // the change, its effects and the decision in another.
  const created = ensureIssueWorkItem(tx, {
    projectId: project.id,
    issueNumber: event.issue.number,
    title: event.issue.title,
    stage,
    branch: workBranchName(event.issue.number, event.issue.title),
  });
  const decide = (workItemId: number, reason: string | null) =>
    recordDecision(tx, {
      workItemId,
      actorLogin: event.sender.login,
      actorId: event.sender.id,
      command: "label",
      args: event.label.name,
      source: "label",
      sourceUrl: event.issue.html_url ?? null,
      deliveryId,
      accepted: reason === null,
      reason,
    });
  const [workItemId, outcome] = await Promise.all([
    created,
    applyPipelineEvent(
      tx,
      { projectId: project.id, issueNumber: event.issue.number },
      { type: "start", stage, now: new Date().toISOString() },
      deliveryId,
      { alongside: (id) => decide(id, null), lastWritesSent },
    ),
  ]);
  if (!outcome.applied) {
    await Promise.all([
      decide(workItemId, outcome.reason),
      replyOnIssue(
        tx,
        project,
        event,
        deliveryId,
        `@${event.sender.login}: could not start ${stage}: ${outcome.reason}`,
      ),
    ]);
  }
}

async function replyOnIssue(
  tx: TransactionSql,
  project: ProjectRow,
  event: Labeled,
  deliveryId: string,
  body: string,
) {
  const payload = {
    owner: project.owner,
    repo: project.name,
    issueNumber: event.issue.number,
    body,
  };
  await enqueueEffects(tx, [
    {
      idempotencyKey: `comment:${deliveryId}`,
      kind: "post_comment",
      installationId: project.installationId,
      payload: payload as unknown as Record<string, JSONValue>,
    },
  ]);
}
