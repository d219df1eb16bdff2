import { z } from "zod";
import { ONBOARDING_BRANCH } from "../core/onboarding/onboarding-pull-request.js";
import { parsePayload } from "../ingest/payload-error.js";
import { activateProject, lockProjectByRepoId } from "../store/onboarding.js";
import { defineHandler } from "./define-handler.js";

const schema = z.object({
  repository: z.object({ id: z.number().int().positive() }),
  pull_request: z.object({
    number: z.number().int().positive(),
    merged: z.boolean().nullable().optional(),
    head: z.object({ ref: z.string() }),
  }),
});

/**
 * The onboarding PR was merged: the project becomes active and its kickoff
 * check is queued (README and PLAN are read by that effect, not here, so the
 * delivery's transaction stays short). The PR is recognised by the number
 * the app recorded, or by its branch while none is recorded.
 */
export const onboardingMerged = defineHandler(
  ["pull_request.closed"],
  async ({ context, tx, log }) => {
    const { repository, pull_request: pr } = parsePayload(schema, context.payload, context.name);
    if (pr.merged !== true || pr.head.ref !== ONBOARDING_BRANCH) return;
    const project = await lockProjectByRepoId(tx, repository.id);
    if (project?.status !== "onboarding") return;
    if (project.onboardingPr !== null && project.onboardingPr !== pr.number) return;
    const activated = await activateProject(tx, project, context.id);
    log.info(
      { projectId: project.id, pr: pr.number, activated },
      "Onboarding merged: project active",
    );
  },
  { callsGitHub: false },
);
