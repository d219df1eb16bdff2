/** The newest onboarding PR GitHub lists for `quantapilot/onboarding`, in any state. */
export interface FoundOnboardingPr {
  number: number;
  state: string;
  /** The PR's head commit: while the branch still points at it, the branch is that PR's. */
  headSha: string;
  closedAt: string | null;
  mergedAt: string | null;
}

/**
 * - `open_new`: no PR stands for this request: open one.
 * - `reuse`: the PR is open (or merged since it was asked): remember it, open none.
 * - `declined`: a person closed it unmerged after it was offered: respect the no.
 */
export type OnboardingPrVerdict =
  | { kind: "open_new" }
  | { kind: "reuse"; number: number }
  | { kind: "declined"; number: number };

/**
 * What a closed onboarding PR means depends on when it was closed. Closed
 * before `askedAt` (when the request being performed was made: an install,
 * a re-install, the repository added again, the onboarding files pushed by
 * hand) it answered an earlier offer, and this new request wins: a fresh PR.
 * Closed since, unmerged, it is the person's answer to this one: not asked
 * again, never reopened by the app.
 */
export function judgeOnboardingPr(
  found: FoundOnboardingPr | undefined,
  askedAt: string,
): OnboardingPrVerdict {
  if (found === undefined) return { kind: "open_new" };
  if (found.state === "open") return { kind: "reuse", number: found.number };
  const closedAt = Date.parse(found.closedAt ?? "");
  // A closed PR with no readable time is taken as a no: better silent than pushy.
  if (Number.isNaN(closedAt)) return { kind: "declined", number: found.number };
  if (closedAt < Date.parse(askedAt)) return { kind: "open_new" };
  return found.mergedAt === null
    ? { kind: "declined", number: found.number }
    : { kind: "reuse", number: found.number };
}
