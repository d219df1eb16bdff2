import { describe, expect, it } from "vitest";
import { kickoffTitle } from "./kickoff-title.js";

describe("kickoffTitle", () => {
  it("names the product by the README's first heading", () => {
    expect(kickoffTitle("intro\n# **Bike** [Shop](https://x) ![b](y)\n", "repo")).toBe(
      "Kickoff: Bike Shop",
    );
  });

  it("falls back to the repository's name and caps the length", () => {
    expect(kickoffTitle("no heading", "repo")).toBe("Kickoff: repo");
    expect(kickoffTitle(`# ${"x".repeat(400)}`, "repo").length).toBe(256);
  });
});
