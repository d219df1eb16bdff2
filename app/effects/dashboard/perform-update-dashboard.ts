import type { Logger } from "pino";
import type { Probot } from "probot";
import { z } from "zod";
import { storedConfig } from "../../config/stored-config.js";
import { renderDashboard } from "../../core/report/dashboard.js";
import type { DashboardView } from "../../core/report/dashboard-view.js";
import { githubWebUrl } from "../../core/report/links.js";
import { readDashboardFacts } from "../../store/dashboard.js";
import { finishDrawingDashboard, startDrawingDashboard } from "../../store/dashboard-drawing.js";
import type { ClaimedEffect } from "../../store/outbox.js";
import { type Performer, RetryLaterError } from "../outbox-worker.js";
import { isSuperseded } from "../superseded.js";
import type { DashboardContext } from "./dashboard-context.js";
import { drawDashboard } from "./draw-dashboard.js";

const payload = z.object({
  projectId: z.number().int().positive(),
  // A person asked (see queueDashboardUpdate); rows queued before the flag existed write too.
  force: z.boolean().default(true),
});

type Facts = NonNullable<Awaited<ReturnType<typeof readDashboardFacts>>>;

/**
 * How long a worker may hold a project's dashboard: a redraw takes a few
 * GitHub requests; one that dies holding it delays the next this long.
 */
const DRAWING_MS = 2 * 60_000;
/** How soon a redraw that found another drawing tries again. */
const TURN_WAIT_MS = 5_000;

// The operator's cap and the config's budget: the stricter wins, as when dispatching.
function toView(facts: Facts, web: string): DashboardView {
  const configured = storedConfig(facts.config).budgets.project.usd;
  const budgetUsd = facts.capUsd === null ? configured : Math.min(facts.capUsd, configured);
  return {
    at: { web, owner: facts.owner, repo: facts.name },
    budgetUsd,
    spentUsd: facts.spentUsd,
    items: facts.items,
    decisions: facts.decisions,
  };
}

/**
 * `update_dashboard`: renders the project's dashboard from the state as it
 * is now (a late update shows the latest) and writes it to the one issue;
 * skipped when a later update for the project is already queued, when a
 * person closed the dashboard (until it is reopened), or when the app wrote
 * this very body there last (a job starting changes no line of it) — unless
 * a person asked for it. One worker draws a project's dashboard at a time:
 * another waits its turn, spending no attempt.
 */
export function createDashboardPerformers(
  probot: Probot,
  sql: DashboardContext["sql"],
  appSlug: string,
): Record<string, Performer> {
  return {
    async update_dashboard(claimed, log) {
      const { projectId, force } = payload.parse(claimed.payload);
      if (!(await startDrawingDashboard(sql, projectId, DRAWING_MS))) {
        throw new RetryLaterError(
          "Another worker is drawing this project's dashboard; drawn once it is done",
          TURN_WAIT_MS,
          { consumesAttempt: false },
        );
      }
      try {
        await redraw(claimed, log, projectId, force);
      } finally {
        await finishDrawingDashboard(sql, projectId);
      }
    },
  };

  async function redraw(claimed: ClaimedEffect, log: Logger, projectId: number, force: boolean) {
    const facts = await readDashboardFacts(sql, projectId);
    if (facts === undefined || facts.status === "removed") {
      return log.info({ projectId }, "The project is gone; no dashboard to update");
    }
    // A person closed it: respected, neither edited nor replaced, until someone reopens it.
    if (facts.closed) return log.info({ projectId }, "The dashboard was closed; not redrawn");
    const scope = { id: claimed.id, kind: claimed.kind, value: projectId };
    // A person's request is drawn even so: the later one may find nothing changed and skip.
    if (!force && (await isSuperseded(sql, { ...scope, field: "projectId" }))) {
      return log.debug({ projectId }, "A later dashboard update is queued; this one is left to it");
    }
    const octokit = await probot.auth(claimed.installationId);
    const web = githubWebUrl(octokit.request.endpoint.DEFAULTS.baseUrl);
    const context = {
      octokit,
      sql,
      log,
      appSlug,
      projectId,
      owner: facts.owner,
      repo: facts.name,
    };
    const body = renderDashboard(toView(facts, web));
    await drawDashboard(context, body, { stored: facts.issueNumber, drawn: facts.drawn }, force);
  }
}
