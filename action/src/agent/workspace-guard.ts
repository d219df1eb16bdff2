import { realpathSync } from "node:fs";
import { isAbsolute, relative, sep } from "node:path";
import { describeUnsafePath } from "../../../contract/check-result-changes/describe-unsafe-path.js";
import { findProtectingGlob } from "../../../contract/check-result-changes/find-protecting-glob.js";
import { ALWAYS_PROTECTED_PATHS } from "../../../contract/config.js";
import { findSecretFileGlob, SECRET_FILE_GLOBS } from "./secret-files.js";
import { locateInWorkspace } from "./workspace-guard/locate-in-workspace.js";
import { normaliseRequestedPath } from "./workspace-guard/normalise-requested-path.js";

/** Why a path was refused; stable, for tests and the transcript. */
export type PathRefusalCode =
  | "invalid_path"
  | "outside_workspace"
  | "protected_path"
  | "secret_file";

/** A refused path, with a message the agent can act on. */
export interface PathRefusal {
  ok: false;
  code: PathRefusalCode;
  message: string;
}

/** A path the agent may use. */
export interface ResolvedPath {
  ok: true;
  /** `/`-separated path from the workspace root, as asked for ("" is the root). */
  relative: string;
  /** The real absolute path, every symlink followed: what a read or write touches. */
  absolute: string;
  /** The directory entry itself, its last component not followed: what a delete removes. */
  entry: string;
}

/** The answer to a path request. */
export type PathResolution = ResolvedPath | PathRefusal;

/** Decides which paths of the checkout the agent may read and write. */
export interface WorkspaceGuard {
  /** The workspace root, as a real path. */
  readonly root: string;
  /** Refuses escapes, `.git` and secret files. */
  resolveForRead(path: string): PathResolution;
  /** Refuses escapes, `.git` and protected paths (the workflows, the config's globs). */
  resolveForWrite(path: string): PathResolution;
}

/** What the guard protects. */
export interface WorkspaceGuardOptions {
  /** The checkout; symlinks in it are resolved. */
  root: string;
  /** The config's protected globs; ALWAYS_PROTECTED_PATHS are added whatever is passed. */
  protectedPaths: readonly string[];
  /** Globs added to SECRET_FILE_GLOBS. */
  secretFileGlobs?: readonly string[];
}

/**
 * Creates the guard every file tool goes through. A path is taken relative
 * to the root; `..` segments, absolute paths, NUL and control characters are
 * refused before the disk is touched, then the nearest existing ancestor is
 * resolved with realpath so a symlink cannot lead outside. Both the path asked
 * for and where it really lands must pass the checks, so a link inside the
 * workspace cannot reach a protected or secret file either.
 */
export function createWorkspaceGuard(options: WorkspaceGuardOptions): WorkspaceGuard {
  const root = realpathSync(options.root);
  const protectedPaths = [...new Set([...ALWAYS_PROTECTED_PATHS, ...options.protectedPaths])];
  const secretGlobs = [...SECRET_FILE_GLOBS, ...(options.secretFileGlobs ?? [])];
  const readCheck = (path: string) => describeSecretFile(path, secretGlobs);
  const writeCheck = (path: string) => describeProtectedPath(path, protectedPaths);
  return {
    root,
    resolveForRead: (path) => resolvePath(root, path, readCheck),
    resolveForWrite: (path) => resolvePath(root, path, writeCheck),
  };
}

type Check = (relativePath: string) => PathRefusal | undefined;

function resolvePath(root: string, requested: string, check: Check): PathResolution {
  const normalised = normaliseRequestedPath(requested);
  if (!normalised.ok) return normalised;
  const asked = normalised.relative;
  const located = locateInWorkspace(root, asked);
  if (!located.ok) return refuse("outside_workspace", `"${requested}" ${located.problem}.`);
  const landings = [landingPath(root, located.absolute), landingPath(root, located.entry)];
  for (const path of new Set([asked, ...landings])) {
    if (path === undefined) {
      return refuse(
        "outside_workspace",
        `"${requested}" leads outside the workspace via a symlink.`,
      );
    }
    const refusal = checkInside(path, requested) ?? check(path);
    if (refusal) return refusal;
  }
  return { ok: true, relative: asked, absolute: located.absolute, entry: located.entry };
}

// Where an absolute path lies, relative to the root; undefined when outside it.
function landingPath(root: string, absolute: string): string | undefined {
  const fromRoot = relative(root, absolute);
  if (fromRoot === "") return "";
  if (fromRoot === ".." || fromRoot.startsWith(`..${sep}`) || isAbsolute(fromRoot)) {
    return undefined;
  }
  return fromRoot.split(sep).join("/");
}

// The contract's own rules for a path a result may carry: .git in any
// spelling git accepts, backslashes, control characters.
function checkInside(path: string, requested: string): PathRefusal | undefined {
  if (path === "") return undefined;
  const problem = describeUnsafePath(path);
  if (problem === undefined) return undefined;
  const shown = path === requested ? `"${requested}"` : `"${requested}" (really "${path}")`;
  return refuse("invalid_path", `${shown} ${problem}.`);
}

function describeSecretFile(path: string, globs: readonly string[]): PathRefusal | undefined {
  const glob = findSecretFileGlob(path, globs);
  if (glob === undefined) return undefined;
  return refuse(
    "secret_file",
    `"${path}" matches "${glob}", a file that holds secrets: agents may not read it, so its values never reach a model. A template (.env.example) may be read.`,
  );
}

function describeProtectedPath(path: string, globs: readonly string[]): PathRefusal | undefined {
  if (path === "") return refuse("protected_path", "The workspace root itself cannot be written.");
  const glob = findProtectingGlob(path, globs);
  if (glob === undefined) return undefined;
  return refuse(
    "protected_path",
    `"${path}" is protected by "${glob}": agents may not change it. Say in your summary what a maintainer should change there.`,
  );
}

function refuse(code: PathRefusalCode, message: string): PathRefusal {
  return { ok: false, code, message };
}
