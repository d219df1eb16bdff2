import { WORK_BRANCH_PREFIX } from "../../../../contract/stage-spec.js";

const TAIL = /^\d+(?:-[a-z0-9-]+)?$/;

/**
 * Where the plan of issue `number` goes: `docs/plans/<number>-<slug>.md`,
 * named like its work branch (`quantapilot/12-add-login` →
 * `docs/plans/12-add-login.md`), so a person finds one from the other. A
 * branch of another shape gives `docs/plans/<number>.md`.
 */
export function planFilePath(number: number, workBranch: string): string {
  const tail = workBranch.slice(WORK_BRANCH_PREFIX.length);
  const name = TAIL.test(tail) && tail.split("-")[0] === String(number) ? tail : String(number);
  return `docs/plans/${name}.md`;
}
