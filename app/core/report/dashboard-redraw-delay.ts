/**
 * How long a pipeline change lets the project's dashboard wait before it is
 * redrawn: the transitions of one burst (an approval, its merge, GitHub's
 * `pull_request.closed`, the next milestone's start) share one edit, and the
 * redraw reads the state when it runs, so it shows all of them. The work
 * item's status comment and check run are written at once; the dashboard, a
 * project-wide overview, lags by at most this long.
 */
export const DASHBOARD_BURST_MS = 10_000;

/**
 * Why the dashboard is redrawn: a pipeline transition, or a person acting on
 * the dashboard itself (reopening it, ticking a box, editing it).
 */
export type DashboardRedrawCause = "pipeline" | "person";

/**
 * The delay of one redraw request, from now. A person looking at the
 * dashboard gets it at once: a ticked box is unticked and a reopened issue
 * filled in while they watch. A request joins a redraw already waiting and
 * the earliest due time wins, so a person's request is never held back by a
 * burst that started before it.
 */
export function dashboardRedrawDelayMs(cause: DashboardRedrawCause): number {
  return cause === "pipeline" ? DASHBOARD_BURST_MS : 0;
}
