import type { JSONValue } from "postgres";
import { z } from "zod";
import { CONFIG_PATH } from "../../contract/config.js";
import { loadRepoConfig } from "../config/load-repo-config.js";
import { parsePayload } from "../ingest/payload-error.js";
import { enqueueEffects } from "../store/outbox.js";
import { findProjectByRepoId } from "../store/work-items.js";
import { defineHandler } from "./define-handler.js";

const schema = z.object({
  installation: z.object({ id: z.number().int().positive() }),
  ref: z.string(),
  after: z.string().regex(/^[0-9a-f]{40}$/),
  repository: z.object({ id: z.number().int().positive(), default_branch: z.string() }),
  commits: z
    .array(
      z.object({
        added: z.array(z.string()).default([]),
        modified: z.array(z.string()).default([]),
        removed: z.array(z.string()).default([]),
      }),
    )
    .default([]),
});

/** Whether the push changed the config file (GitHub lists at most 2,048 files a commit; enough here). */
function touchesConfig(commits: z.output<typeof schema>["commits"]): boolean {
  return commits.some((commit) =>
    [...commit.added, ...commit.modified, ...commit.removed].includes(CONFIG_PATH),
  );
}

/**
 * A push to the default branch that changes `.github/quantapilot.yml`: the
 * config is validated where it is merged. A valid one is stored for the
 * pipeline (handlers never read GitHub for it); an invalid one keeps the last
 * good config, and a failing check run plus one issue point at the lines.
 */
export const configPushed = defineHandler(["push"], async ({ context, tx, log }) => {
  const event = parsePayload(schema, context.payload, context.name);
  if (
    event.ref !== `refs/heads/${event.repository.default_branch}` ||
    !touchesConfig(event.commits)
  )
    return;
  const project = await findProjectByRepoId(tx, event.repository.id);
  if (!project) return;
  const loaded = await loadRepoConfig(context.octokit, {
    owner: project.owner,
    repo: project.name,
  });
  if (loaded.ok) {
    await tx`UPDATE projects SET config = ${tx.json(loaded.config as unknown as JSONValue)}, config_sha = ${event.after},
      updated_at = now() WHERE id = ${project.id}`;
  }
  const errors = loaded.ok ? [] : loaded.errors;
  await enqueueEffects(tx, [
    {
      idempotencyKey: `config:${project.id}:${event.after}`,
      kind: "report_config",
      installationId: project.installationId,
      payload: {
        owner: project.owner,
        repo: project.name,
        headSha: event.after,
        errors,
      } as unknown as Record<string, JSONValue>,
    },
  ]);
  log.info({ valid: loaded.ok, errors: errors.length }, "Configuration change checked");
});
