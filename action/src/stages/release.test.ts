import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseChangelogVersion } from "./release/parse-changelog-version.js";
import { buildStageResult } from "./run/build-stage-result.js";
import {
  finishCall,
  type StageTestBed,
  startStageTestBed,
  writeCall,
} from "./testing/stage-test-bed.js";

const DIGEST = "d".repeat(64);
let bed: StageTestBed;
beforeEach(async () => {
  bed = await startStageTestBed({
    "CHANGELOG.md": "# Changelog\n\n## [1.0.0] - 2026-01-01\n- First.\n",
  });
  bed.repo.git("tag", "v1.0.0");
  bed.repo.write({ "src/new.ts": "export {};\n" });
  bed.repo.git("add", "--all");
  bed.repo.git(
    "-c",
    "user.name=T",
    "-c",
    "user.email=t@example.com",
    "commit",
    "-qm",
    "Add search",
  );
});
afterEach(() => bed.close());

const releaseSpec = () =>
  bed.spec({
    stage: "release",
    role: "devops",
    work_item: { kind: "release", title: "Release", url: "https://github.com/octo-org/octo-repo" },
  });
const changelog = (version: string) =>
  `# Changelog\n\n## [Unreleased]\n\n## [${version}] - 2026-02-01\n### Added\n- Search.\n\n## [1.0.0] - 2026-01-01\n- First.\n`;

describe("parseChangelogVersion", () => {
  it.each([
    ["## [Unreleased]\n## [2.1.0] - 2026-01-01\n", [2, 1, 0]],
    ["## v0.3.1\n", [0, 3, 1]],
    ["# Changelog\nNothing yet.\n", undefined],
  ])("reads %j", (text, version) => {
    expect(parseChangelogVersion(text)).toEqual(version);
  });
});

describe("the release stage", () => {
  it("proposes the CHANGELOG entry of a later version, with the commits since the last tag in its brief", async () => {
    bed.script([writeCall("CHANGELOG.md", changelog("1.1.0"))], [finishCall("Release 1.1.0.")]);
    const spec = releaseSpec();
    const result = buildStageResult(spec, await bed.run(spec), DIGEST);
    expect(result.outcome).toBe("succeeded");
    expect(result.changes.map((c) => c.path)).toEqual(["CHANGELOG.md"]);
    expect(result.pr.body + result.commit_message).toContain("Release v1.1.0: tag it on merge");
    const brief = bed.request(0).messages[1]?.content;
    expect(brief).toMatch(/The last release is `v1\.0\.0`[\s\S]*Add search/);
  });

  it("fails when the newest entry is not later than the last release", async () => {
    bed.script([writeCall("CHANGELOG.md", changelog("1.0.0"))], [finishCall("Done.")]);
    const spec = releaseSpec();
    const result = buildStageResult(spec, await bed.run(spec), DIGEST);
    expect(result).toMatchObject({ outcome: "failed", changes: [] });
    expect(result.reason).toMatch(/v1\.0\.0, not later than the last release v1\.0\.0/);
  });
});
