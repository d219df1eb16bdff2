import type { TransactionSql } from "postgres";
import { z } from "zod";
import { isAtLeast, type StageName } from "../../contract/config.js";
import { getPermission } from "../auth/get-permission.js";
import { storedConfig } from "../config/stored-config.js";
import { projectForOtherItems } from "../core/pipeline/project-for-other-items.js";
import { workBranchName } from "../core/work-branch.js";
import { type Handoff, MAX_BATCH } from "../ingest/group-commit.js";
import { parsePayload } from "../ingest/payload-error.js";
import { applyPipelineEvent } from "../pipeline/apply-pipeline-event.js";
import { type Decision, decisionWrite } from "../store/decisions.js";
import {
  findIssueProject,
  freshIssuePipeline,
  type IssueProject,
  LabelledProject,
} from "../store/issue-project.js";
import { effectsWrite, enqueueEffects, type OutboxEffect } from "../store/outbox.js";
import { pipelineWrites, savePipeline } from "../store/pipeline-store.js";
import type { ProjectRow } from "../store/work-items.js";
import { writeTogether } from "../store/write-together.js";
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
 * Work item ids kept at hand for labels decided without a read: as many as
 * a batch holds deliveries, so a chain never stops for a read, which would
 * also send the rows left so far.
 */
const SPARE_IDS = MAX_BATCH;

/**
 * `issues.labeled` with a stage label starts a work item at that stage. The
 * label's sender needs write permission, like a command; bots never count.
 * A burst of labels on one project's new issues is decided in turn, each on
 * the project as the previous one left it (`LabelledProject`): no read in
 * between, so they do not wait a round trip each.
 */
export function issueLabeled(deps: HandlerDeps): Handler {
  // Ids taken from the work items' sequence ahead of need, for items decided without a read.
  const spareIds: number[] = [];
  return defineHandler(
    ["issues.labeled"],
    async ({ context, tx, log, lastWritesSent, handoff }) => {
      const event = parsePayload(schema, context.payload, context.name);
      if (event.issue.pull_request !== undefined) return; // labels on PRs do not start work
      const { found, chain } = await issueProject(tx, event, handoff.received, spareIds);
      const stage = found && stageOfLabel(found.project.config, event.label.name);
      if (!found || !stage || event.sender.type !== "User") return;
      const { project } = found;
      const permission = await getPermission(
        { octokit: context.octokit, cache: deps.permissions },
        { owner: project.owner, repo: project.name, username: event.sender.login },
      );
      if (permission === "none" || !isAtLeast(permission, "write")) {
        const body = `@${event.sender.login}: starting QuantaPilot's ${stage} stage needs write permission on this repository; you have ${permission}. Nothing was started.`;
        await enqueueEffects(tx, [reply(project, event, context.id, body)]);
        log.info({ sender: event.sender.login, permission }, "Stage label refused");
        return;
      }
      await startWorkItem(tx, found, event, stage, context.id, { lastWritesSent, handoff, chain });
    },
  );
}

/**
 * The labelled issue's project: as the previous label left it, if that was on
 * another new issue of the same project and a spare id is at hand (`chain` is
 * then what it came from), else read and locked.
 */
async function issueProject(
  tx: TransactionSql,
  event: Labeled,
  received: unknown,
  spareIds: number[],
): Promise<{ found: IssueProject | undefined; chain?: LabelledProject }> {
  const { id: repoId } = event.repository;
  const { number } = event.issue;
  const chain = received instanceof LabelledProject && received.covers(repoId, number);
  const id = chain ? spareIds.shift() : undefined;
  if (chain && id !== undefined) return { found: received.freshIssue(id), chain: received };
  // Every read of a new issue tops the spare ids up, ahead of the next burst.
  // Reads of other installations' labels run side by side: the pool may be over full.
  const found = await findIssueProject(tx, repoId, number, SPARE_IDS - spareIds.length);
  if (found) spareIds.push(...found.spare);
  return { found };
}

interface Turn {
  lastWritesSent: () => void;
  handoff: Handoff;
  /** What `found` was taken from, when it was not read. */
  chain?: LabelledProject | undefined;
}

async function startWorkItem(
  tx: TransactionSql,
  found: IssueProject,
  event: Labeled,
  stage: StageName,
  deliveryId: string,
  { lastWritesSent, handoff, chain }: Turn,
) {
  // An issue's first label is decided on the state `findIssueProject` read (or the previous
  // label left), so its rows (the item inserted as it ends up, its run, effects, decision) go
  // out in one more round trip; an item that exists is loaded and locked first.
  const workItem =
    found.workItemId ??
    freshIssuePipeline(found, {
      number: event.issue.number,
      title: event.issue.title,
      branch: workBranchName(event.issue.number, event.issue.title),
      stage,
    });
  const decision = (reason: string | null): Decision => ({
    workItemId: typeof workItem === "number" ? workItem : workItem.ref.workItemId,
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
  const started = { type: "start", stage, now: new Date().toISOString() } as const;
  const outcome = await applyPipelineEvent(tx, workItem, started, deliveryId, {
    alongside: () => decisionWrite(decision(null)),
    lastWritesSent,
    // The installation's next label, if on another new issue of this project, decides on this.
    decided: (after) => {
      if (found.workItemId !== null) return;
      handoff.pass(
        LabelledProject.after(found, event.issue.number, projectForOtherItems(after), chain),
      );
    },
    // A new item's rows wait for the next label's: a burst's go out as one insert per table.
    defer: (parts) => found.workItemId === null && handoff.defer(parts),
  });
  if (outcome.applied) return;
  const body = `@${event.sender.login}: could not start ${stage}: ${outcome.reason}`;
  const refusal = [
    decisionWrite(decision(outcome.reason)),
    effectsWrite(tx, [reply(found.project, event, deliveryId, body)]),
  ];
  // Refused, a fresh item is still stored: the decision (and the dashboard) name it.
  if (typeof workItem === "number") await writeTogether(tx, refusal);
  else await savePipeline(tx, pipelineWrites(tx, workItem, workItem.state, started), refusal);
}

/** A comment on the labelled issue, as an effect. */
function reply(
  project: ProjectRow,
  event: Labeled,
  deliveryId: string,
  body: string,
): OutboxEffect {
  const payload = {
    owner: project.owner,
    repo: project.name,
    issueNumber: event.issue.number,
    body,
  };
  return {
    idempotencyKey: `comment:${deliveryId}`,
    kind: "post_comment",
    installationId: project.installationId,
    payload,
  };
}
