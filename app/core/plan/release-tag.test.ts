import { describe, expect, it } from "vitest";
import { chooseReleaseTag, releaseBody, releaseMarker } from "./release-tag.js";

describe("chooseReleaseTag", () => {
  it("takes the version the release stage named", () => {
    expect(chooseReleaseTag("Release v1.4.2", "v1.0.0")).toBe("v1.4.2");
    expect(chooseReleaseTag("Release 2.0.0: payments", null)).toBe("v2.0.0");
  });

  it("bumps the minor of the latest release, else starts at v0.1.0", () => {
    expect(chooseReleaseTag("Release notes", "v1.4.2")).toBe("v1.5.0");
    expect(chooseReleaseTag("", "1.9.0")).toBe("v1.10.0");
    expect(chooseReleaseTag("", null)).toBe("v0.1.0");
    expect(chooseReleaseTag("", "nightly")).toBe("v0.1.0");
  });

  it("normalises leading zeros and ignores what is not a version", () => {
    expect(chooseReleaseTag("v01.02.03", null)).toBe("v1.2.3");
    expect(chooseReleaseTag("node 20 and 1.2", null)).toBe("v0.1.0");
  });
});

describe("releaseBody", () => {
  it("ends with the marker, with or without notes", () => {
    expect(releaseBody("## Changes\n- a", 3)).toBe(`## Changes\n- a\n${releaseMarker(3)}`);
    expect(releaseBody("  ", 3)).toBe(releaseMarker(3));
  });
});
