import { z } from "zod";
import { parsePayload } from "../ingest/payload-error.js";
import { ensureInstallation } from "../store/installations.js";
import { startOnboarding } from "../store/onboarding.js";
import { markProjectsRemoved, upsertProjects } from "../store/projects.js";
import { defineHandler } from "./define-handler.js";
import { repositorySchema, toRepositoryRef } from "./repository-ref.js";

const schema = z.object({
  installation: z.object({ id: z.number().int().positive() }),
  repository: repositorySchema.extend({
    owner: z.object({ login: z.string().min(1), type: z.string().min(1) }),
  }),
});

/**
 * Keeps a project's name and default branch true to GitHub: a new repository
 * of an all-repositories installation (onboarded), a rename, a transfer, an edit.
 */
export const repositoryChanged = defineHandler(
  ["repository.created", "repository.renamed", "repository.transferred", "repository.edited"],
  async ({ context, tx, log, lastWritesSent }) => {
    const { installation, repository } = parsePayload(schema, context.payload, context.name);
    // A repository's owner is the account the App is installed on.
    const { login, type } = repository.owner;
    // Sent together, in this order, in one round trip.
    const written = Promise.all([
      ensureInstallation(tx, { id: installation.id, accountLogin: login, accountType: type }),
      upsertProjects(tx, installation.id, [toRepositoryRef(repository)]),
      context.payload.action === "created" &&
        startOnboarding(tx, installation.id, [repository.id], context.id),
    ]);
    lastWritesSent();
    await written;
    log.info({ repoId: repository.id }, "Project updated from repository event");
  },
  { callsGitHub: false },
);

export const repositoryDeleted = defineHandler(
  ["repository.deleted"],
  async ({ context, tx, log, lastWritesSent }) => {
    const { repository } = parsePayload(schema, context.payload, context.name);
    const written = markProjectsRemoved(tx, [repository.id]);
    lastWritesSent();
    await written;
    log.info({ repoId: repository.id }, "Project removed: repository deleted");
  },
  { callsGitHub: false },
);
