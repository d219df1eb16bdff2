import { z } from "zod";
import { parsePayload } from "../ingest/payload-error.js";
import { upsertInstallation } from "../store/installations.js";
import { startOnboarding } from "../store/onboarding.js";
import { markProjectsRemoved, upsertProjects } from "../store/projects.js";
import { defineHandler } from "./define-handler.js";
import { installationRefSchema, toInstallationRow } from "./installation-ref.js";
import { repositorySchema, toRepositoryRef } from "./repository-ref.js";

const schema = z.object({
  installation: installationRefSchema,
  repositories_added: z.array(repositorySchema),
  repositories_removed: z.array(z.object({ id: z.number().int().positive() })),
});

/** Repositories added to (and onboarded) or removed from an installation's selection. */
export const installationRepositoriesChanged = defineHandler(
  ["installation_repositories.added", "installation_repositories.removed"],
  async ({ context, tx, log, lastWritesSent }) => {
    const payload = parsePayload(schema, context.payload, context.name);
    const { installation } = payload;
    // The installation may predate us (installed before this server first ran): record it too.
    // Sent together, in this order, in one round trip.
    const written = Promise.all([
      upsertInstallation(tx, toInstallationRow(installation)),
      upsertProjects(tx, installation.id, payload.repositories_added.map(toRepositoryRef)),
      startOnboarding(
        tx,
        installation.id,
        payload.repositories_added.map((repo) => repo.id),
        context.id,
      ),
      markProjectsRemoved(
        tx,
        payload.repositories_removed.map((repo) => repo.id),
      ),
    ]);
    lastWritesSent();
    await written;
    log.info(
      { added: payload.repositories_added.length, removed: payload.repositories_removed.length },
      "Installation repositories changed",
    );
  },
  { callsGitHub: false },
);
