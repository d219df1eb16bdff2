import { z } from "zod";
import { judgeOnboardingPush } from "../core/onboarding/onboarding-push.js";
import { parsePayload } from "../ingest/payload-error.js";
import { resumeOnboarding } from "../store/resume-onboarding.js";
import { defineHandler } from "./define-handler.js";

const schema = z.object({
  ref: z.string(),
  deleted: z.boolean().default(false),
  repository: z.object({ id: z.number().int().positive(), default_branch: z.string() }),
  commits: z
    .array(
      z.object({
        added: z.array(z.string()).default([]),
        modified: z.array(z.string()).default([]),
      }),
    )
    .default([]),
});

/**
 * A push to the default branch of a repository still onboarding: an empty
 * repository's first commit resumes the onboarding it parked, and onboarding
 * files written by hand have it checked again (both present: active with no
 * PR). Other pushes cost no statement; projects not onboarding are untouched.
 */
export const onboardingPushed = defineHandler(
  ["push"],
  async ({ context, tx, log }) => {
    const event = parsePayload(schema, context.payload, context.name);
    const verdict = judgeOnboardingPush({
      ref: event.ref,
      defaultBranch: event.repository.default_branch,
      deleted: event.deleted,
      written: event.commits.flatMap((commit) => [...commit.added, ...commit.modified]),
    });
    if (verdict === "ignore") return;
    const parkedOnly = verdict === "if_parked";
    const queued = await resumeOnboarding(tx, event.repository.id, { parkedOnly }, context.id);
    if (queued > 0) log.info({ verdict }, "Onboarding resumed by a push to the default branch");
  },
  { callsGitHub: false },
);
