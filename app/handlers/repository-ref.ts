import { z } from "zod";
import type { RepositoryRef } from "../store/projects.js";

/** The fields of a repository object in any webhook payload that a project needs. */
export const repositorySchema = z.object({
  id: z.number().int().positive(),
  full_name: z.string().regex(/^[\w.-]+\/[\w.-]+$/, "must be owner/name"),
  default_branch: z.string().min(1).optional(),
});

export function toRepositoryRef(repo: z.output<typeof repositorySchema>): RepositoryRef {
  const [owner = "", name = ""] = repo.full_name.split("/");
  return { repoId: repo.id, owner, name, defaultBranch: repo.default_branch ?? null };
}
