import { execFileSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../../..");
const FIXTURES = join(ROOT, "test/fixtures/qa");

/** A fixture project checked out in a throwaway git repository, and its base commit. */
export interface FixtureCheckout {
  dir: string;
  baseSha: string;
  remove(): void;
}

function git(dir: string, ...args: string[]): string {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: "qa",
    GIT_AUTHOR_EMAIL: "qa@example.com",
    GIT_COMMITTER_NAME: "qa",
    GIT_COMMITTER_EMAIL: "qa@example.com",
  };
  return execFileSync("git", ["-c", "commit.gpgsign=false", ...args], {
    cwd: dir,
    env,
    encoding: "utf8",
  }).trim();
}

/**
 * Copies `test/fixtures/qa/<name>` into a new git repository: the base
 * commit holds only its manifest, the work item's commit everything else,
 * as a work branch would. `node_modules` links to the repository's own, so
 * vitest, its coverage provider and Biome resolve without an install.
 */
export function checkoutFixture(name: string): FixtureCheckout {
  const dir = mkdtempSync(join(tmpdir(), `qa-${name}-`));
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  writeFileSync(join(dir, ".gitignore"), "node_modules\n__pycache__\n");
  git(dir, "init", "--quiet", "--initial-branch=main");
  const manifests = readdirSync(dir).filter((f) =>
    ["package.json", "pyproject.toml", ".gitignore"].includes(f),
  );
  git(dir, "add", ...manifests);
  git(dir, "commit", "--quiet", "-m", "base");
  const baseSha = git(dir, "rev-parse", "HEAD");
  git(dir, "add", ".");
  git(dir, "commit", "--quiet", "-m", "work");
  return { dir, baseSha, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A throwaway repository with `files` committed on top of an empty base commit. */
export function makeCheckout(files: Record<string, string>): FixtureCheckout {
  const dir = mkdtempSync(join(tmpdir(), "qa-project-"));
  git(dir, "init", "--quiet", "--initial-branch=main");
  git(dir, "commit", "--quiet", "--allow-empty", "-m", "base");
  const baseSha = git(dir, "rev-parse", "HEAD");
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  git(dir, "add", ".");
  git(dir, "commit", "--quiet", "-m", "work");
  return { dir, baseSha, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
