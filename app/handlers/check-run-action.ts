import { z } from "zod";
import { storedConfig } from "../config/stored-config.js";
import type { Command } from "../core/commands/command.js";
import { parsePayload } from "../ingest/payload-error.js";
import { findProjectByRepoId } from "../store/work-items.js";
import { defineHandler, type Handler } from "./define-handler.js";
import type { HandlerDeps } from "./handler-deps.js";
import { runCommand } from "./run-command.js";

// Our check runs carry `qp:<work item id>:<run number>` as their external id.
const EXTERNAL_ID = /^qp:(\d{1,15}):(\d{1,9})$/;

const schema = z.object({
  installation: z.object({ id: z.number().int().positive() }),
  repository: z.object({ id: z.number().int().positive() }),
  check_run: z.object({
    external_id: z.string().nullable(),
    head_sha: z.string(),
    html_url: z.string().default(""),
  }),
  requested_action: z.object({ identifier: z.string() }).optional(),
  sender: z.object({ login: z.string(), id: z.number().int(), type: z.string() }),
});

/** The button pressed, as the command it stands for; Re-run is `/retry`. */
function buttonCommand(
  action: string,
  identifier: string | undefined,
  headSha: string,
): Command | undefined {
  const source = { line: 0, text: `check run ${identifier ?? action}` };
  if (action === "rerequested" || identifier === "retry") return { name: "retry", ...source };
  if (identifier === "approve") return { name: "approve", cancel: false, sha: headSha, ...source };
  return undefined;
}

/**
 * The check run's *Approve* and *Retry* buttons and *Re-run*, under the same
 * policy as the commands they stand for. GitHub sends these only to the App
 * that owns the check run; the external id says which work item it is.
 */
export function checkRunAction(deps: HandlerDeps): Handler {
  return defineHandler(
    ["check_run.rerequested", "check_run.requested_action"],
    async ({ context, tx }) => {
      const event = parsePayload(schema, context.payload, context.name);
      const ours = EXTERNAL_ID.exec(event.check_run.external_id ?? "");
      const command = buttonCommand(
        context.payload.action,
        event.requested_action?.identifier,
        event.check_run.head_sha,
      );
      if (!ours || !command || event.sender.type !== "User") return;
      const project = await findProjectByRepoId(tx, event.repository.id);
      const [item] = await tx<{ id: string; home: number | null }[]>`
      SELECT id, coalesce(pr_number, issue_number) AS home FROM work_items
      WHERE id = ${Number(ours[1])} AND project_id = ${project?.id ?? 0}`;
      if (!project || !item?.home) return;
      const commandContext = {
        tx,
        octokit: context.octokit,
        deps,
        config: storedConfig(project.config),
        target: {
          installationId: project.installationId,
          owner: project.owner,
          repo: project.name,
          issueNumber: item.home,
          commentId: 0,
          deliveryId: context.id,
        },
        actor: { login: event.sender.login, id: event.sender.id },
        commentBody: "",
        commentUrl: event.check_run.html_url,
        workItemId: Number(item.id),
        where: "pull_request" as const,
        source: "check_run" as const,
      };
      await runCommand(commandContext, command, 0);
    },
  );
}
