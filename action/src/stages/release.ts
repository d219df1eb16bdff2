import { readWorkspaceText } from "./read-workspace-text.js";
import {
  formatTag,
  isLater,
  parseChangelogVersion,
  parseVersionTag,
} from "./release/parse-changelog-version.js";
import { type ReleaseHistory, readReleaseHistory } from "./release/read-release-history.js";
import type { StageContext, StageDefinition, StageProducts } from "./stage-definition.js";
import { ALL_TOOLS } from "./stage-tools.js";

function briefFor(history: ReleaseHistory): string {
  const since =
    history.lastTag === undefined
      ? "This is the first release."
      : `The last release is \`${history.lastTag}\`.`;
  return `# What this stage delivers

Prepare the next release. ${since} Choose the version by semantic versioning from the changes below, then add its entry at the top of \`CHANGELOG.md\` (create the file if needed), Keep a Changelog style: a heading \`## [X.Y.Z] - YYYY-MM-DD\` and sections Added, Changed, Fixed, Removed as they apply, written for users. Bump the version in the project's manifest (package.json, pyproject.toml, Cargo.toml…) if it has one. The app tags \`vX.Y.Z\` and publishes the release when this is merged; do not create tags yourself.

# Commits since the last release

${history.log || "(none)"}`;
}

async function concludeRelease(
  context: StageContext,
  history: ReleaseHistory,
): Promise<StageProducts> {
  const changelog = await readWorkspaceText(context.guard, "CHANGELOG.md");
  const version = changelog === undefined ? undefined : parseChangelogVersion(changelog);
  if (version === undefined) {
    return {
      failure: "CHANGELOG.md has no entry headed ## [X.Y.Z] for the release.",
      findings: [],
      highlights: [],
    };
  }
  const last = history.lastTag === undefined ? undefined : parseVersionTag(history.lastTag);
  if (last !== undefined && !isLater(version, last)) {
    const failure = `The newest CHANGELOG.md entry is ${formatTag(version)}, not later than the last release ${history.lastTag}.`;
    return { failure, findings: [], highlights: [] };
  }
  return { findings: [], highlights: [`Release ${formatTag(version)}: tag it on merge`] };
}

/** release (devops): the CHANGELOG entry and version bump the app tags and releases on merge. */
export const releaseStage: StageDefinition = {
  stage: "release",
  role: "devops",
  tools: ALL_TOOLS,
  writes: true,
  maxOutputTokens: 8_000,
  async open(context) {
    const history = await readReleaseHistory(context.root);
    return {
      brief: briefFor(history),
      tools: [],
      conclude: () => concludeRelease(context, history),
    };
  },
};
