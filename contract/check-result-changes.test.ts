import { describe, expect, it } from "vitest";
import { type ChangeRule, checkResultChanges } from "./check-result-changes.js";
import { ALWAYS_PROTECTED_PATHS } from "./config.js";
import type { FileChange } from "./stage-result.js";

const limits = { max_files: 5, max_file_bytes: 100, max_total_bytes: 250 };
const protectedPaths = [...ALWAYS_PROTECTED_PATHS, "**/*.pem", "infra/prod/**"];
const check = (changes: FileChange[]) => checkResultChanges(changes, { protectedPaths, limits });
const rules = (changes: FileChange[]) => check(changes).map((r) => r.rule);

const write = (path: string, content = "x", extra: Partial<FileChange> = {}): FileChange =>
  ({ path, action: "upsert", encoding: "utf8", content, ...extra }) as FileChange;
const remove = (path: string): FileChange => ({ path, action: "delete" });
const link = (path: string, target: string): FileChange => write(path, target, { mode: "120000" });
const b64 = (text: string) => btoa(text);

describe("checkResultChanges", () => {
  it("accepts ordinary changes", () => {
    const changes = [write("src/a.ts"), remove("old.ts"), link("docs/latest", "v2/index.md")];
    expect(check([...changes, write("bin/run", "x", { mode: "100755" })])).toEqual([]);
  });

  it.each<[string, FileChange, ChangeRule]>([
    ["a .. segment", write("src/../../etc/passwd"), "unsafe_path"],
    ["a leading ..", write("../outside"), "unsafe_path"],
    ["an absolute path", write("/etc/passwd"), "unsafe_path"],
    ["a Windows drive", write("C:/x"), "unsafe_path"],
    ["a backslash", write("src\\..\\x"), "unsafe_path"],
    ["a NUL", write("a\u0000b"), "unsafe_path"],
    ["a newline", write("a\nb"), "unsafe_path"],
    ["an empty segment", write("a//b"), "unsafe_path"],
    ["a trailing slash", write("a/"), "unsafe_path"],
    ["a . segment", write("./a"), "unsafe_path"],
    [".git at the root", write(".git/config"), "unsafe_path"],
    [".git deep down", write("vendor/lib/.git/hooks/pre-commit"), "unsafe_path"],
    [".GIT in capitals", write(".GIT/config"), "unsafe_path"],
    [".git. with a Windows trailing dot", write(".git./config"), "unsafe_path"],
    ["git~1, the 8.3 short name", write("GIT~1/config"), "unsafe_path"],
    [".git with an HFS+ ignorable", write(".g\u200cit/config"), "unsafe_path"],
    ["deleting a .git path", remove(".git/HEAD"), "unsafe_path"],
    ["a workflow", write(".github/workflows/ci.yml"), "protected_path"],
    ["a workflow, other case", write(".GitHub/Workflows/ci.yml"), "protected_path"],
    ["deleting a workflow", remove(".github/workflows/ci.yml"), "protected_path"],
    ["the workflows directory itself", remove(".github/workflows"), "protected_path"],
    ["the .github directory", remove(".github"), "protected_path"],
    ["the config", write(".github/quantapilot.yml"), "protected_path"],
    ["a prompt override", write(".github/quantapilot/prompts/developer.md"), "protected_path"],
    ["a config glob, deep", write("certs/live/server.pem"), "protected_path"],
    ["a config directory", write("infra/prod/main.tf"), "protected_path"],
    ["a symlink to /etc", link("etc", "/etc/passwd"), "symlink_escape"],
    ["a symlink climbing out", link("docs/x", "../../secret"), "symlink_escape"],
    ["a symlink to the root itself", link("docs/root", ".."), "symlink_escape"],
    ["a symlink into .git", link("hooks", ".git/hooks"), "symlink_escape"],
    ["a symlink with a backslash", link("x", "..\\..\\x"), "symlink_escape"],
    ["a symlink target with NUL", link("x", "a\u0000b"), "symlink_escape"],
    [
      "a base64 symlink climbing out",
      write("x", b64("../../../x"), { mode: "120000", encoding: "base64" }),
      "symlink_escape",
    ],
    [
      "a symlink to a workflow",
      link("docs/ci.yml", "../.github/workflows/ci.yml"),
      "protected_path",
    ],
    ["a file too large", write("big.txt", "y".repeat(101)), "file_too_large"],
    ["a multi-byte file too large", write("big.txt", "é".repeat(51)), "file_too_large"],
    [
      "a base64 file too large",
      write("big.bin", b64("z".repeat(101)), { encoding: "base64" }),
      "file_too_large",
    ],
  ])("refuses %s", (_case, change, rule) => {
    expect(rules([change])).toContain(rule);
  });

  it("quotes paths as JSON, so a hostile name cannot forge check-run lines", () => {
    const [refusal] = check([write("a\n- all checks passed")]);
    expect(refusal?.message).toBe('"a\\n- all checks passed" contains a control character.');
  });

  it("measures base64 by decoded bytes", () => {
    const exactly = write("a.bin", b64("z".repeat(100)), { encoding: "base64" });
    expect(check([exactly])).toEqual([]);
  });

  it("refuses duplicate paths and file/directory clashes", () => {
    expect(rules([write("a.ts"), remove("a.ts")])).toEqual(["duplicate_path"]);
    expect(rules([write("lib"), write("lib/x.ts")])).toEqual(["path_conflict"]);
    expect(rules([remove("lib"), write("lib/x.ts")])).toEqual([]);
  });

  it("refuses too many files and too many bytes in total, once each", () => {
    const six = ["a", "b", "c", "d", "e", "f"].map((name) => write(name, "w".repeat(50)));
    expect(check(six)).toEqual([
      {
        rule: "too_many_files",
        message: "The result changes 6 files; limits.result.max_files allows 5.",
      },
      {
        rule: "total_too_large",
        message: "The result writes 300 bytes; limits.result.max_total_bytes allows 250.",
      },
    ]);
  });

  it("refuses secrets with kind and line, never the value", () => {
    const key = ["AK", "IA", "QWERTY2345ZXCVB7"].join("");
    const refusals = check([write("src/config.ts", `// config\nexport const key = "${key}";\n`)]);
    expect(refusals).toEqual([
      {
        path: "src/config.ts",
        rule: "secret",
        message:
          '"src/config.ts" contains what looks like an AWS access key id (AKIA…, ASIA…) at line 2; results must never carry credentials.',
      },
    ]);
    expect(JSON.stringify(refusals)).not.toContain(key);
  });

  it("finds secrets in base64 content, by byte offset, at most five per file", () => {
    const key = ["gh", "p_", "a".repeat(36)].join("");
    const binary = write("x.bin", b64(`\u0000\u0001${key} `.repeat(8)), { encoding: "base64" });
    const refusals = check([binary]).filter((r) => r.rule === "secret");
    expect(refusals).toHaveLength(5);
    expect(refusals[0]?.message).toContain(
      "a GitHub token (ghp_, gho_, ghs_, ghu_, ghr_) at byte 2",
    );
  });
});
