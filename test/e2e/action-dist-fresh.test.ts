import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildAction } from "../../scripts/build-action.js";

const out = mkdtempSync(join(tmpdir(), "qp-dist-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("action/dist", () => {
  // Actions runs the committed bundle, not the sources: a stale one ships old code.
  it("is what npm run build:action makes of the current sources", {
    timeout: 120_000,
  }, async () => {
    const files = await buildAction(out);
    expect(files).toEqual(["index.js", "cli.js", "licenses.txt"]);
    for (const file of files) {
      const fresh = readFileSync(join(out, file), "utf8");
      const committed = readFileSync(join("action/dist", file), "utf8");
      expect(
        committed === fresh,
        `action/dist/${file} is stale: run npm run build:action and commit it`,
      ).toBe(true);
    }
  });

  it("names the licence of every bundled package", () => {
    const licenses = readFileSync("action/dist/licenses.txt", "utf8");
    for (const name of ["zod@", "openai@", "@anthropic-ai/sdk@", "@actions/core@"])
      expect(licenses).toContain(name);
  });
});
