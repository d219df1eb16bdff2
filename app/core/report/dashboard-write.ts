/** A redraw about to be written, and what the app last wrote to the dashboard issue. */
export interface DashboardWriteInput {
  /** A person asked for it (reopened the issue, ticked or edited it): the issue may differ from what the app wrote. */
  forced: boolean;
  /** The recorded dashboard issue; null when none is known yet. */
  issueNumber: number | null;
  /** `dashboardDrawnKey` of the last write, or null when not known. */
  drawn: string | null;
  /** A digest of the body about to be written. */
  bodyDigest: string;
}

/** What the app wrote where: the issue and a digest of the body. */
export function dashboardDrawnKey(issueNumber: number, bodyDigest: string): string {
  return `${issueNumber}:${bodyDigest}`;
}

/**
 * Whether a redraw must call GitHub. Not when the app last wrote this very
 * body to this very issue: the edit would change nothing. Always when a
 * person asked, since people's edits (a ticked box) are not the app's own
 * and must be overwritten, and when no issue or last write is known.
 */
export function needsDashboardWrite(input: DashboardWriteInput): boolean {
  if (input.forced || input.issueNumber === null || input.drawn === null) return true;
  return input.drawn !== dashboardDrawnKey(input.issueNumber, input.bodyDigest);
}
