/** Whether a person closed the project's dashboard issue, and when GitHub says that happened. */
export interface DashboardOpenState {
  closed: boolean;
  /** The issue's own time of its last close or reopen (ISO 8601); null when none was seen. */
  at: string | null;
}

/** An `issues.closed` / `issues.reopened` of the dashboard, timed by the issue itself. */
export interface DashboardStateChange {
  closed: boolean;
  at: string;
}

/** What to do with one close or reopen: store the new state, and redraw when it was reopened. */
export type DashboardStateVerdict =
  | { apply: true; state: DashboardOpenState; redraw: boolean }
  | { apply: false; reason: string };

/**
 * Decides one close or reopen of the dashboard issue. Deliveries may come out
 * of order, so a change older than the stored one is ignored (a late
 * `closed` must not silence a dashboard reopened since); a repeat of the state
 * at the same time is a duplicate. A reopened dashboard is redrawn at once: it
 * missed every change while closed. Within the same second (GitHub's
 * resolution), the later delivery wins.
 */
export function decideDashboardState(
  stored: DashboardOpenState,
  change: DashboardStateChange,
): DashboardStateVerdict {
  const storedAt = stored.at === null ? Number.NEGATIVE_INFINITY : Date.parse(stored.at);
  const changeAt = Date.parse(change.at);
  if (Number.isNaN(changeAt)) return { apply: false, reason: `unreadable time "${change.at}"` };
  if (changeAt < storedAt) return { apply: false, reason: "older than the state stored" };
  if (changeAt === storedAt && change.closed === stored.closed) {
    return { apply: false, reason: "already recorded" };
  }
  const state = { closed: change.closed, at: change.at };
  return { apply: true, state, redraw: stored.closed && !change.closed };
}
