import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

// The workflow target repositories run. What it may do is what a prompt-injected agent could do.
const workflow = parse(readFileSync(".github/workflows/quantapilot.yml", "utf8")) as {
  on: { workflow_dispatch: { inputs: Record<string, { required: boolean; type: string }> } };
  "run-name": string;
  permissions: Record<string, string>;
  jobs: Record<
    string,
    { permissions?: unknown; steps: { uses?: string; with?: Record<string, unknown> }[] }
  >;
};

describe(".github/workflows/quantapilot.yml", () => {
  it("holds no write credential: contents read and an OIDC token, nothing else", () => {
    expect(workflow.permissions).toEqual({ contents: "read", "id-token": "write" });
    for (const job of Object.values(workflow.jobs)) expect(job.permissions).toBeUndefined();
  });

  it("takes one input, the spec", () => {
    expect(Object.keys(workflow.on.workflow_dispatch.inputs)).toEqual(["spec"]);
    expect(workflow.on.workflow_dispatch.inputs.spec).toMatchObject({
      required: true,
      type: "string",
    });
  });

  it("names each run after its stage run, so the app can find it", () => {
    expect(workflow["run-name"]).toBe(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not JavaScript.
      "QuantaPilot stage run ${{ fromJSON(inputs.spec).stage_run_id }}",
    );
  });

  it("checks out the pinned base without keeping the token in the checkout", () => {
    const checkout = Object.values(workflow.jobs)
      .flatMap((job) => job.steps)
      .find((step) => step.uses?.startsWith("actions/checkout@"));
    expect(checkout?.with).toMatchObject({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not JavaScript.
      ref: "${{ fromJSON(inputs.spec).base_sha }}",
      "persist-credentials": false,
    });
  });
});
