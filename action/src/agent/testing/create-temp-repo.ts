import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A throwaway git repository for tool tests. */
export interface TempRepo {
  /** Its real path. */
  root: string;
  /** Writes files (relative path → content), creating directories. */
  write(files: Record<string, string>): void;
  /** Runs git in the repository. */
  git(...args: string[]): string;
  remove(): void;
}

/**
 * Creates a git repository in a fresh temporary directory with `files`
 * committed, so listing sees tracked files the way it does in a checkout.
 */
export function createTempRepo(files: Record<string, string> = {}): TempRepo {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "qp-agent-")));
  const git = (...args: string[]) =>
    execFileSync(
      "git",
      [
        "-c",
        "user.name=Test",
        "-c",
        "user.email=test@example.com",
        "-c",
        "commit.gpgsign=false",
        ...args,
      ],
      {
        cwd: root,
        encoding: "utf8",
      },
    );
  const write = (more: Record<string, string>) => {
    for (const [path, content] of Object.entries(more)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
  };
  git("init", "--quiet", "--initial-branch=main");
  write(files);
  if (Object.keys(files).length > 0) {
    git("add", "--all");
    git("commit", "--quiet", "--message", "initial");
  }
  return { root, write, git, remove: () => rmSync(root, { recursive: true, force: true }) };
}
