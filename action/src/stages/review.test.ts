import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isCommentable, parseCommentableLines } from "./review/read-commentable-lines.js";
import { buildStageResult } from "./run/build-stage-result.js";
import { type StageTestBed, startStageTestBed, writeCall } from "./testing/stage-test-bed.js";

const DIGEST = "c".repeat(64);
let bed: StageTestBed;
let base: string;
beforeEach(async () => {
  bed = await startStageTestBed({
    "src/app.ts": "export const a = 1;\n",
    "docs/PLAN.md": "# Plan\n",
  });
  base = bed.repo.git("rev-parse", "HEAD").trim();
  bed.repo.write({ "src/login.ts": "export function login(p: string) {\n  return eval(p);\n}\n" });
  bed.repo.git("add", "--all");
  bed.repo.git("-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-qm", "Add login");
});
afterEach(() => bed.close());

const comment = (path: string, line: number, body: string, severity = "error") => ({
  name: "add_review_comment",
  arguments: { path, line, body, severity },
});
const verdict = (v: string, summary: string) => ({
  name: "finish",
  arguments: { verdict: v, summary },
});
const reviewSpec = () => bed.spec({ stage: "review", role: "reviewer" });

describe("the review stage", () => {
  it("sees the diff, comments on lines of the head and requests changes", async () => {
    bed.script(
      [
        comment("src/login.ts", 2, "eval runs user input; parse it instead."),
        comment("src/login.ts", 99, "no such line"),
      ],
      [verdict("request_changes", "One error: eval on input.")],
    );
    const spec = reviewSpec();
    const run = await bed.run(spec, { diffBase: base });
    const result = buildStageResult(spec, run, DIGEST);
    expect(result).toMatchObject({ outcome: "succeeded", changes: [], commit_message: "" });
    expect(result.review).toEqual({
      event: "REQUEST_CHANGES",
      body: "One error: eval on input.",
      comments: [
        {
          path: "src/login.ts",
          line: 2,
          side: "RIGHT",
          body: "eval runs user input; parse it instead.",
        },
      ],
    });
    expect(result.findings).toEqual([
      {
        severity: "error",
        message: "eval runs user input; parse it instead.",
        path: "src/login.ts",
        line: 2,
      },
    ]);
    const tools = run.agent.transcript.filter((e) => e.type === "tool");
    expect(tools[1]).toMatchObject({
      isError: true,
      content: expect.stringMatching(/has 3 lines; line 99/),
    });
    const request = bed.request(0);
    expect(request.messages[1]?.content).toContain("+  return eval(p);");
    expect(request.tools.map((t) => t.function.name)).toEqual([
      "list_files",
      "read_file",
      "search",
      "run",
      "finish",
      "add_review_comment",
    ]);
  });

  it("approves, and writes nothing even when asked to", async () => {
    bed.script([writeCall("src/app.ts", "hacked")], [verdict("approve", "Looks right.")]);
    const spec = reviewSpec();
    const result = buildStageResult(spec, await bed.run(spec, { diffBase: base }), DIGEST);
    expect(result.review).toMatchObject({ event: "APPROVE", comments: [] });
    expect(result.changes).toEqual([]);
  });

  it("fails when the reviewer stops without a verdict", async () => {
    bed.script([comment("src/login.ts", 1, "hm")], [comment("src/login.ts", 1, "hm")]);
    const spec = bed.spec({
      stage: "review",
      role: "reviewer",
      limits: { turns: 2, tokens: 2_000_000, usd: 5, minutes: 30 },
    });
    const result = buildStageResult(spec, await bed.run(spec, { diffBase: base }), DIGEST);
    expect(result.outcome).toBe("failed");
    expect(result.reason).toMatch(/^The reviewer gave no verdict/);
    expect(result.review).toBeUndefined();
  });

  it("refuses a comment on a line outside the change, which GitHub would reject", async () => {
    bed.script([comment("src/app.ts", 1, "unrelated")], [verdict("comment", "ok")]);
    const spec = reviewSpec();
    const run = await bed.run(spec, { diffBase: base });
    const tool = run.agent.transcript.find((e) => e.type === "tool");
    expect(tool).toMatchObject({
      isError: true,
      content: expect.stringMatching(/is not part of the change/),
    });
    expect(buildStageResult(spec, run, DIGEST).review?.comments).toEqual([]);
  });

  it("refuses a comment on a secret file", async () => {
    bed.repo.write({ ".env": "A=1\n" });
    bed.script([comment(".env", 1, "x")], [verdict("comment", "ok")]);
    const spec = reviewSpec();
    const run = await bed.run(spec, { diffBase: base });
    const tool = run.agent.transcript.find((e) => e.type === "tool");
    expect(tool).toMatchObject({ isError: true, content: expect.stringMatching(/^Refused: /) });
  });
});

describe("parseCommentableLines", () => {
  const diff = [
    "diff --git a/a.ts b/a.ts",
    "--- a/a.ts",
    "+++ b/a.ts",
    "@@ -1,3 +1,4 @@",
    " x",
    "+y",
    "@@ -20 +21,0 @@",
    "diff --git a/gone.ts b/gone.ts",
    "--- a/gone.ts",
    "+++ /dev/null",
    "@@ -1,2 +0,0 @@",
  ].join("\n");

  it("takes the new side of each hunk, context included, and nothing of a deletion", () => {
    const lines = parseCommentableLines(diff);
    expect([...lines.entries()]).toEqual([["a.ts", [[1, 4]]]]);
    expect(isCommentable(lines, "a.ts", 4)).toBe(true);
    expect(isCommentable(lines, "a.ts", 5)).toBe(false);
    expect(isCommentable(lines, "gone.ts", 1)).toBe(false);
  });
});
