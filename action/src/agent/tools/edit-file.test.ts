import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { callTool } from "../testing/call-tool.js";
import { createTempRepo, type TempRepo } from "../testing/create-temp-repo.js";
import { createWorkspaceGuard } from "../workspace-guard.js";
import { createEditFileTool } from "./edit-file.js";

const SOURCE = [
  "function greet(name) {",
  '  return "hi " + name;',
  "}",
  "greet('a');",
  "greet('a');",
  "",
].join("\n");

let repo: TempRepo;
beforeEach(() => {
  repo = createTempRepo({ "src/greet.js": SOURCE, ".env": "A=1\n" });
});
afterEach(() => repo.remove());

const contentOf = () => readFileSync(join(repo.root, "src/greet.js"), "utf8");
const edit = (args: Record<string, unknown>) =>
  callTool(
    createEditFileTool({ guard: createWorkspaceGuard({ root: repo.root, protectedPaths: [] }) }),
    { path: "src/greet.js", ...args },
  );

describe("edit_file", () => {
  it("replaces text that occurs once and says where", async () => {
    await expect(edit({ old_text: '"hi "', new_text: '"hello "' })).resolves.toEqual({
      content: "Edited src/greet.js: replaced 1 occurrence at line 2.",
    });
    expect(contentOf()).toContain('return "hello " + name;');
  });

  it("refuses text that is not found, counting 0 matches", async () => {
    await expect(edit({ old_text: "goodbye", new_text: "x" })).resolves.toEqual({
      content:
        "old_text was not found in src/greet.js (0 matches): read the file again and copy the text exactly.",
      isError: true,
    });
    expect(contentOf()).toBe(SOURCE);
  });

  it("points at a match that differs only in indentation", async () => {
    const unindented = 'function greet(name) {\nreturn "hi " + name;';
    const output = await edit({ old_text: unindented, new_text: "x" });
    expect(output).toEqual({
      content:
        "old_text was not found in src/greet.js (0 matches): text matching it except for indentation or trailing spaces starts at line 1; copy it exactly as read_file shows it.",
      isError: true,
    });
  });

  it("refuses text that is not unique, saying how many times and where", async () => {
    await expect(edit({ old_text: "greet('a');", new_text: "greet('b');" })).resolves.toEqual({
      content:
        "old_text occurs 2 times in src/greet.js (lines 4, 5); include more surrounding lines so it occurs once, or set replace_all to true.",
      isError: true,
    });
    expect(contentOf()).toBe(SOURCE);
  });

  it("replaces every occurrence with replace_all", async () => {
    const output = await edit({ old_text: "'a'", new_text: "'b'", replace_all: true });
    expect(output).toEqual({
      content: "Edited src/greet.js: replaced 2 occurrences at lines 4, 5.",
    });
    expect(contentOf()).toContain("greet('b');\ngreet('b');");
  });

  it("inserts replacement text literally, $& included", async () => {
    await edit({ old_text: '"hi "', new_text: "$& $1 $$" });
    expect(contentOf()).toContain("return $& $1 $$ + name;");
  });

  it("refuses a no-op, a missing file, a secret file and a protected one", async () => {
    await expect(edit({ old_text: "greet", new_text: "greet" })).resolves.toMatchObject({
      isError: true,
    });
    await expect(edit({ path: "nope.js", old_text: "a", new_text: "b" })).resolves.toMatchObject({
      content: '"nope.js" does not exist; create it with write_file.',
    });
    await expect(edit({ path: ".env", old_text: "A", new_text: "B" })).resolves.toMatchObject({
      content: expect.stringContaining("holds secrets"),
    });
    const workflow = { path: ".github/workflows/ci.yml", old_text: "a", new_text: "b" };
    await expect(edit(workflow)).resolves.toMatchObject({
      content: expect.stringContaining("protected"),
    });
  });
});
