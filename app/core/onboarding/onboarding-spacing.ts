/**
 * Spacing between two onboarding PRs of one installation. Each PR is about
 * five content-creating requests (tree, commit, ref, PR, and the stage work
 * that follows); GitHub allows 80 such requests a minute and 500 an hour, so
 * one every 30 seconds keeps a 100-repository install far inside both.
 * `startOnboarding` gives the first PR the next free slot and the rest one
 * spacing apart, in the statement that queues them.
 */
export const ONBOARDING_SPACING_MS = 30_000;
