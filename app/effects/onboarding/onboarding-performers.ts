import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Sql } from "postgres";
import type { Probot } from "probot";
import { z } from "zod";
import { renderDefaultConfig } from "../../core/onboarding/render-default-config.js";
import { CHECK_KICKOFF, OPEN_ONBOARDING_PR } from "../../store/onboarding.js";
import type { Performer } from "../outbox-worker.js";
import { checkKickoff } from "./check-kickoff.js";
import { type OnboardingTemplates, openOnboardingPr } from "./open-onboarding-pr.js";

const payloadSchema = z.object({ projectId: z.number().int().positive() });

/**
 * The canonical stage workflow, read from this repository once at start-up
 * (beside the sources, app/, or beside the build, dist/app/). It is what
 * target repositories run, so a server that cannot find it must not start.
 */
export function readOnboardingTemplates(): OnboardingTemplates {
  const candidates = [
    "../../../.github/workflows/quantapilot.yml",
    "../../../../.github/workflows/quantapilot.yml",
  ];
  for (const relative of candidates) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(path))
      return { workflow: readFileSync(path, "utf8"), config: renderDefaultConfig() };
  }
  throw new Error(
    ".github/workflows/quantapilot.yml not found next to the app: onboarding adds it to every repository. Run from the repository, or copy the file into the image beside dist/.",
  );
}

/**
 * Performers of a project's way in, each with the installation's token:
 * `open_onboarding_pr` and `check_kickoff`. Their rows name the project.
 */
export function createOnboardingPerformers(
  probot: Probot,
  sql: Sql,
  templates: OnboardingTemplates = readOnboardingTemplates(),
): Record<string, Performer> {
  const run =
    (perform: typeof openOnboardingPr): Performer =>
    async (effect, log) => {
      const { projectId } = payloadSchema.parse(effect.payload);
      const octokit = await probot.auth(effect.installationId);
      const context = { octokit, sql, log, templates };
      await perform(context, projectId, effect.idempotencyKey, effect.createdAt);
    };
  return { [OPEN_ONBOARDING_PR]: run(openOnboardingPr), [CHECK_KICKOFF]: run(checkKickoff) };
}
