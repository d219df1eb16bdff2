import { z } from "zod";
import { parsePayload } from "../ingest/payload-error.js";
import {
  markInstallationDeleted,
  markInstallationSuspended,
  upsertInstallation,
} from "../store/installations.js";
import { startOnboarding } from "../store/onboarding.js";
import { markInstallationProjectsRemoved, upsertProjects } from "../store/projects.js";
import { defineHandler } from "./define-handler.js";
import { installationRefSchema, toInstallationRow } from "./installation-ref.js";
import { repositorySchema, toRepositoryRef } from "./repository-ref.js";

const installationSchema = z.object({
  installation: installationRefSchema,
  repositories: z.array(repositorySchema).optional(),
});

/**
 * An installation that is (again) allowed to work: record it and the
 * repositories it covers, and onboard those new to us.
 */
export const installationActivated = defineHandler(
  ["installation.created", "installation.unsuspend", "installation.new_permissions_accepted"],
  async ({ context, tx, log, lastWritesSent }) => {
    const { installation, repositories = [] } = parsePayload(
      installationSchema,
      context.payload,
      context.name,
    );
    const ids = repositories.map((repo) => repo.id);
    // Sent together, in this order (onboarding sees the projects), in one round trip
    // whose answer the installation's next delivery need not wait for.
    const written = Promise.all([
      upsertInstallation(tx, toInstallationRow(installation)),
      upsertProjects(tx, installation.id, repositories.map(toRepositoryRef)),
      startOnboarding(tx, installation.id, ids, context.id),
    ]);
    lastWritesSent();
    const [, , onboarding] = await written;
    log.info(
      { installationId: installation.id, repositories: repositories.length, onboarding },
      "Installation recorded",
    );
  },
  { callsGitHub: false },
);

/** Uninstalled: nothing more is dispatched for its repositories. */
export const installationDeleted = defineHandler(
  ["installation.deleted"],
  async ({ context, tx, log, lastWritesSent }) => {
    const { installation } = parsePayload(installationSchema, context.payload, context.name);
    const written = Promise.all([
      markInstallationDeleted(tx, installation.id),
      markInstallationProjectsRemoved(tx, installation.id),
    ]);
    lastWritesSent();
    await written;
    log.info({ installationId: installation.id }, "Installation deleted; its projects are removed");
  },
  { callsGitHub: false },
);

/** Suspended: work pauses until `installation.unsuspend`. */
export const installationSuspended = defineHandler(
  ["installation.suspend"],
  async ({ context, tx, log, lastWritesSent }) => {
    const { installation } = parsePayload(installationSchema, context.payload, context.name);
    const written = markInstallationSuspended(tx, installation.id);
    lastWritesSent();
    await written;
    log.info({ installationId: installation.id }, "Installation suspended");
  },
  { callsGitHub: false },
);
