import type { PublishReleaseEffect } from "../../core/pipeline/effects.js";
import { chooseReleaseTag, releaseBody, releaseMarker } from "../../core/plan/release-tag.js";
import { readReleaseNotes } from "../../store/milestones.js";
import { readBranchHead } from "../onboarding/read-repo-file.js";
import type { PerformerContext } from "../performer-context.js";

/**
 * `publish_release`: tags the merged release (or the default branch's head)
 * and publishes the GitHub release with the release stage's notes — GitHub's
 * generated notes when it wrote none. A release this work item published
 * before (found by its marker among the latest) is not published twice.
 */
export async function performPublishRelease(
  context: PerformerContext,
  effect: PublishReleaseEffect,
): Promise<void> {
  const { ref, octokit, sql, log } = context;
  const where = { owner: ref.owner, repo: ref.repo };
  const { data: releases } = await octokit.request("GET /repos/{owner}/{repo}/releases", {
    ...where,
    per_page: 30,
  });
  const marker = releaseMarker(ref.workItemId);
  if (releases.some((release) => release.body?.includes(marker)))
    return log.info("Already published");
  const notes = (await readReleaseNotes(sql, ref.workItemId)) ?? { title: "", body: "" };
  const latest = releases.find((release) => !release.draft)?.tag_name ?? null;
  const tag = chooseReleaseTag(notes.title, latest);
  const sha = effect.sha ?? (await readBranchHead(octokit, where, ref.defaultBranch));
  if (sha === null) throw new Error(`${ref.defaultBranch} has no commit to tag ${tag} at`);
  const { data } = await octokit.request("POST /repos/{owner}/{repo}/releases", {
    ...where,
    tag_name: tag,
    target_commitish: sha,
    name: notes.title.trim() || tag,
    body: releaseBody(notes.body, ref.workItemId),
    generate_release_notes: notes.body.trim() === "",
  });
  log.info({ tag, releaseId: data.id }, "Release published");
}
