/** Every work branch lives under this prefix, so a spec can never aim the agent at main. */
export const WORK_BRANCH_PREFIX = "quantapilot/";

// git check-ref-format's rules, in an order that gives the most useful
// message first. The prefix also rules out a leading "-", which git would
// read as an option, and the bare "@".
const RULES: readonly [test: (name: string) => boolean, problem: string][] = [
  [(n) => !n.startsWith(WORK_BRANCH_PREFIX), `must start with "${WORK_BRANCH_PREFIX}"`],
  [(n) => n.length > 200, "must be at most 200 characters"],
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse.
  [(n) => /[\u0000-\u0020\u007f]/.test(n), "must not contain spaces or control characters"],
  [(n) => /[~^:?*[\\]/.test(n), "must not contain ~ ^ : ? * [ or \\"],
  [(n) => n.includes(".."), 'must not contain ".."'],
  [(n) => n.includes("@{"), 'must not contain "@{"'],
  [(n) => n.endsWith("/") || n.includes("//"), 'must not end with "/" or contain "//"'],
  [(n) => n.endsWith("."), 'must not end with "."'],
  [(n) => n.split("/").some((s) => s.startsWith(".")), 'no part may start with "."'],
  [(n) => n.split("/").some((s) => s.endsWith(".lock")), 'no part may end with ".lock"'],
];

/**
 * Why `name` is not a valid work branch, or undefined when it is. Work
 * branches look like `quantapilot/12-add-login`; the checks are git's own
 * ref-name rules, so whatever passes can be created, checked out and pushed.
 */
export function describeBranchNameProblem(name: string): string | undefined {
  return RULES.find(([test]) => test(name))?.[1];
}
