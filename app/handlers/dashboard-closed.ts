import { z } from "zod";
import { decideDashboardState } from "../core/report/dashboard-open-state.js";
import { parsePayload } from "../ingest/payload-error.js";
import { lockDashboardOwner, saveDashboardState } from "../store/dashboard-state.js";
import { queueDashboardUpdate } from "../store/dashboard-updates.js";
import { defineHandler, type Handler } from "./define-handler.js";
import type { HandlerDeps } from "./handler-deps.js";

const schema = z.object({
  action: z.enum(["closed", "reopened"]),
  repository: z.object({ id: z.number().int().positive() }),
  issue: z.object({
    number: z.number().int().positive(),
    updated_at: z.iso.datetime({ offset: true }),
    closed_at: z.iso.datetime({ offset: true }).nullable().optional(),
  }),
  sender: z.object({ login: z.string() }),
});

/**
 * Someone closed (or reopened) the project's dashboard issue. A closed
 * dashboard is respected: the app stops redrawing it, and neither reopens it
 * nor opens another; reopening it brings it back, redrawn at once. Closes and
 * reopens are ordered by the issue's own times, so late deliveries change
 * nothing; the app's own closes (of duplicate dashboards) never count.
 */
export function dashboardClosed(deps: HandlerDeps): Handler {
  return defineHandler(
    ["issues.closed", "issues.reopened"],
    async ({ context, tx, log }) => {
      const event = parsePayload(schema, context.payload, context.name);
      if (event.sender.login === `${deps.appSlug}[bot]`) return;
      const owner = await lockDashboardOwner(tx, event.repository.id, event.issue.number);
      if (owner === undefined) return;
      const closed = event.action === "closed";
      const at = (closed ? event.issue.closed_at : null) ?? event.issue.updated_at;
      const verdict = decideDashboardState(owner.state, { closed, at });
      if (!verdict.apply)
        return log.info({ why: verdict.reason }, "Dashboard close/reopen ignored");
      await saveDashboardState(tx, owner.projectId, verdict.state);
      if (verdict.redraw)
        await queueDashboardUpdate(tx, { projectId: owner.projectId }, context.id);
      log.info({ closed, by: event.sender.login }, "Dashboard open state recorded");
    },
    { callsGitHub: false },
  );
}
