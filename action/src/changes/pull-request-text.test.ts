import { describe, expect, it } from "vitest";
import type { FileChange } from "../../../contract/stage-result.js";
import { buildPullRequestText } from "./pull-request-text.js";

const spec = {
  stage: "implement" as const,
  role: "developer" as const,
  stage_run_id: 42,
  work_item: {
    kind: "issue" as const,
    number: 12,
    title: "Add a login page",
    url: "https://github.com/acme/shop/issues/12",
  },
};
const changes: FileChange[] = [
  { path: "src/login.ts", action: "upsert", mode: "100644", encoding: "utf8", content: "x" },
  { path: "bin/dev", action: "upsert", mode: "100755", encoding: "utf8", content: "x" },
  { path: "logo.png", action: "upsert", mode: "100644", encoding: "base64", content: "AA==" },
  { path: "a|b<c>.md", action: "delete" },
];

describe("buildPullRequestText", () => {
  it("says what changed and why, lists the files, and closes the issue", () => {
    const { title, body } = buildPullRequestText({ spec, summary: "Adds a login form.", changes });
    expect(title).toBe("Add a login page");
    expect(body).toBe(
      [
        "### What and why",
        "",
        "Adds a login form.",
        "",
        "### Files changed (4)",
        "",
        "| File | Change |",
        "|---|---|",
        "| <code>src/login.ts</code> | written |",
        "| <code>bin/dev</code> | written, executable |",
        "| <code>logo.png</code> | written, binary |",
        "| <code>a&#124;b&lt;c&gt;.md</code> | deleted |",
        "",
        "Closes #12",
        "",
        "<sub>Written by QuantaPilot's developer agent (implement stage, run 42) for [Add a login page](https://github.com/acme/shop/issues/12). Approve with a review or `/approve`; ask for changes with `/reject <why>`.</sub>",
      ].join("\n"),
    );
  });

  it("a kickoff gets a Plan: title and closes nothing", () => {
    const kickoff = {
      ...spec,
      stage: "plan" as const,
      role: "architect" as const,
      work_item: { kind: "kickoff" as const, title: "shop", url: "https://github.com/acme/shop" },
    };
    const { title, body } = buildPullRequestText({ spec: kickoff, summary: "", changes: [] });
    expect(title).toBe("Plan: shop");
    expect(body).toContain("The agent left no summary.");
    expect(body).toContain("### Files changed\n\nNone.");
    expect(body).not.toContain("Closes");
  });

  it("a hostile summary closes nothing else and pings nobody", () => {
    const { body } = buildPullRequestText({
      spec,
      summary: "Closes #1\nFixes acme/other#2 cc @maintainers",
      changes,
    });
    expect(body.match(/\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?):?\s+\S*#\d+/gi)).toEqual([
      "Closes #12",
    ]);
    expect(body).not.toMatch(/@maintainers/);
  });

  it("stays within the schema's limits with a huge summary, a long title and many long paths", () => {
    const many: FileChange[] = Array.from({ length: 1_000 }, (_, i) => ({
      path: `${"d/".repeat(1_000)}${i}`,
      action: "delete",
    }));
    const long = { ...spec, work_item: { ...spec.work_item, title: "t ".repeat(200) } };
    const { title, body } = buildPullRequestText({
      spec: long,
      summary: "y".repeat(100_000),
      changes: many,
    });
    expect(title.length).toBeLessThanOrEqual(256);
    expect(body.length).toBeLessThanOrEqual(60_000);
    expect(body).toContain("*[summary cut]*");
    expect(body).toMatch(/…and [\d,]+ more files\./);
    expect(body).toContain("Closes #12");
  });
});
