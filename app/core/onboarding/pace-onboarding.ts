/**
 * Spacing between two onboarding PRs of one installation. Each PR is about
 * five content-creating requests (tree, commit, ref, PR, and the stage work
 * that follows); GitHub allows 80 such requests a minute and 500 an hour, so
 * one every 30 seconds keeps a 100-repository install far inside both.
 */
export const ONBOARDING_SPACING_MS = 30_000;

/**
 * When each of `count` new onboarding effects may run: the first at `now` or
 * one spacing after the installation's last slot already taken (whichever is
 * later), the rest one spacing apart.
 */
export function paceOnboarding(
  count: number,
  now: Date,
  lastSlot: Date | null,
  spacingMs = ONBOARDING_SPACING_MS,
): Date[] {
  const afterLast = lastSlot === null ? -Infinity : lastSlot.getTime() + spacingMs;
  const first = Math.max(now.getTime(), afterLast);
  return Array.from({ length: count }, (_, i) => new Date(first + i * spacingMs));
}
