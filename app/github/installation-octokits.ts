import type { ProbotOctokit } from "probot";

/** Builds an installation's authenticated Octokit: Probot's `app.auth(installationId)`. */
export type AuthenticateInstallation = (installationId: number) => Promise<ProbotOctokit>;

export interface InstallationOctokits {
  /** The installation's Octokit, built on first use and reused after that. */
  get(installationId: number): Promise<ProbotOctokit>;
}

/**
 * One Octokit per installation, reused by every delivery of that installation,
 * the least recently used dropped beyond `max`. Probot builds a new one, every
 * plugin included, for each event before any handler runs (~70 µs a delivery,
 * most of them never calling GitHub). Reuse holds no stale credential: the
 * App's auth strategy asks its own token cache on every request and renews the
 * installation token before it expires. It also lets the throttling plugin see
 * one installation's requests together.
 */
export function createInstallationOctokits(
  authenticate: AuthenticateInstallation,
  { max = 1_000 } = {},
): InstallationOctokits {
  const octokits = new Map<number, Promise<ProbotOctokit>>();
  return {
    get(installationId) {
      const known = octokits.get(installationId);
      if (known) {
        octokits.delete(installationId); // re-inserted last: Map order is recency order
        octokits.set(installationId, known);
        return known;
      }
      const created = authenticate(installationId);
      octokits.set(installationId, created);
      // A failure is not remembered: the next delivery tries again.
      created.catch(() => {
        if (octokits.get(installationId) === created) octokits.delete(installationId);
      });
      const oldest = octokits.keys().next().value;
      if (octokits.size > max && oldest !== undefined) octokits.delete(oldest);
      return created;
    },
  };
}
