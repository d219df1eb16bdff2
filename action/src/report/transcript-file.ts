import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { TranscriptEntry } from "../agent/transcript.js";
import { type ArtifactUpload, type ArtifactUploader, uploadArtifact } from "./artifact-uploader.js";

/** The artifact a run's transcript is kept under, e.g. `quantapilot-transcript-42`. */
export const transcriptArtifactName = (stageRunId: number) =>
  `quantapilot-transcript-${stageRunId}`;

/** The transcript as JSON Lines: one entry per line, in order, newline-terminated. */
export function transcriptToJsonl(entries: readonly TranscriptEntry[]): string {
  return entries.map((entry) => `${JSON.stringify(entry)}\n`).join("");
}

/** The sha256 hex digest of `text` as UTF-8: the result's `transcript_digest`. */
export function digestTranscript(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * Writes the (already redacted) transcript entries to `path` as JSONL and
 * returns the sha256 of exactly those bytes, so anyone holding the artifact
 * can check it against the digest the app stored.
 */
export async function writeTranscriptFile(
  entries: readonly TranscriptEntry[],
  path: string,
): Promise<{ path: string; digest: string; bytes: number }> {
  const text = transcriptToJsonl(entries);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text, { mode: 0o600 });
  return { path, digest: digestTranscript(text), bytes: Buffer.byteLength(text) };
}

/** Uploads the transcript file as the workflow artifact `quantapilot-transcript-<id>`; never throws. */
export function uploadTranscriptArtifact(options: {
  path: string;
  stageRunId: number;
  uploader: ArtifactUploader;
}): Promise<ArtifactUpload> {
  const name = transcriptArtifactName(options.stageRunId);
  return uploadArtifact(options.uploader, name, [options.path], dirname(options.path));
}
