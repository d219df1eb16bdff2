import { z } from "zod";
import { rememberDeleteBranchOnMerge } from "../store/repository-settings.js";
import { defineHandler } from "./define-handler.js";

const setting = z.boolean().optional();
const schema = z.object({
  repository: z.object({ id: z.number().int().positive(), delete_branch_on_merge: setting }),
  pull_request: z
    .object({ base: z.object({ repo: z.object({ delete_branch_on_merge: setting }) }) })
    .optional(),
});

/**
 * `delete_branch_on_merge` as a payload reports it: the top-level repository
 * carries it on some events (it is optional in GitHub's schema), a pull
 * request's base repository on pull request and review events.
 */
export function readDeleteBranchOnMerge(payload: unknown): boolean | undefined {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) return undefined;
  const { repository, pull_request } = parsed.data;
  return repository.delete_branch_on_merge ?? pull_request?.base.repo.delete_branch_on_merge;
}

/**
 * Keeps the project's copy of the repository's auto-delete setting current
 * from the events that carry it — the work PR's own `opened` comes before
 * any approval — so a merge spends no request deleting a branch GitHub
 * deletes itself.
 */
export const repositorySettingsSeen = defineHandler(
  [
    "pull_request.opened",
    "pull_request.synchronize",
    "pull_request.closed",
    "pull_request_review.submitted",
    "repository.edited",
  ],
  async ({ context, tx }) => {
    const value = readDeleteBranchOnMerge(context.payload);
    if (value === undefined) return;
    await rememberDeleteBranchOnMerge(tx, context.payload.repository.id, value);
  },
  { callsGitHub: false },
);
