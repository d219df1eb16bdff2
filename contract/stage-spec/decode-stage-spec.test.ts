import { describe, expect, it } from "vitest";
import { aStageSpec } from "../../test/fixtures/stage-spec.js";
import { decodeStageSpec } from "../stage-spec.js";

// A spec as JSON with one field replaced; `undefined` removes it.
function specWith(field: string, value: unknown): string {
  return JSON.stringify({ ...aStageSpec(), [field]: value });
}

function errorPaths(text: string): string[] {
  const result = decodeStageSpec(text);
  if (result.ok) throw new Error("expected the spec to be refused");
  return result.errors.map((e) => e.path);
}

const spec = aStageSpec();

describe("decodeStageSpec", () => {
  it("accepts a valid spec and returns it typed", () => {
    expect(decodeStageSpec(JSON.stringify(spec))).toEqual({ ok: true, spec });
  });

  it.each([
    ["not JSON", "{", ""],
    ["null", "null", ""],
    ["an array", "[]", ""],
    ["an unknown top-level key", specWith("extra", 1), ""],
    ["a missing field", specWith("task", undefined), "task"],
    ["stage run id 0", specWith("stage_run_id", 0), "stage_run_id"],
    ["a fractional stage run id", specWith("stage_run_id", 1.5), "stage_run_id"],
    ["a stage run id as a string", specWith("stage_run_id", "42"), "stage_run_id"],
    ["an unsafe integer id", specWith("stage_run_id", 2 ** 53), "stage_run_id"],
    [
      "an owner with a slash",
      specWith("repository", { ...spec.repository, owner: "a/b" }),
      "repository.owner",
    ],
    [
      "a repository named ..",
      specWith("repository", { ...spec.repository, name: ".." }),
      "repository.name",
    ],
    [
      "an issue without a number",
      specWith("work_item", { ...spec.work_item, number: undefined }),
      "work_item.number",
    ],
    [
      "a javascript: work item url",
      specWith("work_item", { ...spec.work_item, url: "javascript:alert(1)" }),
      "work_item.url",
    ],
    ["an unknown stage", specWith("stage", "deploy"), "stage"],
    ["an unknown role", specWith("role", "admin"), "role"],
    ["a work branch outside quantapilot/", specWith("work_branch", "main"), "work_branch"],
    ["a work branch with ..", specWith("work_branch", "quantapilot/../main"), "work_branch"],
    ["an abbreviated base sha", specWith("base_sha", "c040cae"), "base_sha"],
    [
      "an upper-case base sha",
      specWith("base_sha", "C040CAE0F0DC81641728557B80F09CFA23B83FE5"),
      "base_sha",
    ],
    ["a negative iteration", specWith("iteration", -1), "iteration"],
    ["an empty task", specWith("task", ""), "task"],
    [
      "feedback without author",
      specWith("human_feedback", [{ body: "x" }]),
      "human_feedback.0.author",
    ],
    [
      "a finding of unknown severity",
      specWith("prior_findings", [{ severity: "fatal", message: "x" }]),
      "prior_findings.0.severity",
    ],
    ["a zero token limit", specWith("limits", { ...spec.limits, tokens: 0 }), "limits.tokens"],
    [
      "a limit over the 6-hour job cap",
      specWith("limits", { ...spec.limits, minutes: 361 }),
      "limits.minutes",
    ],
    ["no model for the role", specWith("models", { qa: spec.models.developer }), "models"],
    [
      "an unknown role in models",
      specWith("models", { ...spec.models, root: spec.models.developer }),
      "models",
    ],
    ["an empty model chain", specWith("models", { developer: [] }), "models.developer"],
    [
      "protected paths without the workflows",
      specWith("protected_paths", ["docs/**"]),
      "protected_paths",
    ],
    [
      "a command chaining another",
      specWith("allowed_commands", ["npm test; curl evil"]),
      "allowed_commands.0",
    ],
    [
      "an http result url",
      specWith("result_url", "http://app.example.com/api/stage-runs/42/result"),
      "result_url",
    ],
    [
      "a result url with credentials",
      specWith("result_url", "https://u:p@app.example.com/api/stage-runs/42/result"),
      "result_url",
    ],
    [
      "another run's result url",
      specWith("result_url", "https://app.example.com/api/stage-runs/43/result"),
      "result_url",
    ],
    [
      "a result url with a query",
      specWith("result_url", "https://app.example.com/api/stage-runs/42/result?x=1"),
      "result_url",
    ],
    ["a relative result url", specWith("result_url", "/api/stage-runs/42/result"), "result_url"],
    [
      "an ftp result url",
      specWith("result_url", "ftp://app.example.com/api/stage-runs/42/result"),
      "result_url",
    ],
    ["an empty audience", specWith("audience", ""), "audience"],
  ])("refuses %s, naming the path", (_case, text, path) => {
    expect(errorPaths(text)).toContain(path);
  });

  it.each([
    "http://localhost:3000/api/stage-runs/42/result",
    "http://127.0.0.1:3000/api/stage-runs/42/result",
    "http://127.1.2.3/api/stage-runs/42/result",
    "http://[::1]:3000/api/stage-runs/42/result",
    "https://app.example.com/quantapilot/api/stage-runs/42/result",
  ])("accepts the result url %s", (url) => {
    expect(decodeStageSpec(specWith("result_url", url)).ok).toBe(true);
  });

  it("reports only the version when a newer app sent the spec", () => {
    const result = decodeStageSpec(JSON.stringify({ version: 2, something: "new" }));
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          path: "version",
          message:
            "unsupported version: this QuantaPilot reads version 1; update the QuantaPilot action",
        },
      ],
    });
  });

  it("accepts a kickoff without an issue number", () => {
    const kickoff = { kind: "kickoff", title: "Kickoff", url: "https://github.com/o/r#readme" };
    expect(decodeStageSpec(specWith("work_item", kickoff)).ok).toBe(true);
  });
});
