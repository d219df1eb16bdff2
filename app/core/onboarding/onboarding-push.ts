import { CONFIG_PATH } from "../../../contract/config.js";
import { WORKFLOW_PATH } from "./onboarding-pull-request.js";

/** What a `push` says that matters to a project still onboarding. */
export interface OnboardingPush {
  ref: string;
  defaultBranch: string;
  deleted: boolean;
  /** Paths the push added or modified (removals never count as a yes). */
  written: readonly string[];
}

/**
 * - `ignore`: not a push to the default branch.
 * - `if_parked`: onboarding resumes only where it waits for a first commit
 *   (no onboarding PR yet): an empty repository got its first push.
 * - `recheck`: someone wrote an onboarding file by hand: whatever the
 *   onboarding PR's fate, check again (both present: active without a PR).
 */
export type OnboardingPushVerdict = "ignore" | "if_parked" | "recheck";

/** Decides what a push to a repository means for its onboarding. */
export function judgeOnboardingPush(push: OnboardingPush): OnboardingPushVerdict {
  if (push.deleted || push.ref !== `refs/heads/${push.defaultBranch}`) return "ignore";
  const handWritten = push.written.some((path) => path === WORKFLOW_PATH || path === CONFIG_PATH);
  return handWritten ? "recheck" : "if_parked";
}
