/** What became of an upload. */
export type ArtifactUpload =
  | { uploaded: true; name: string; id?: number; size?: number }
  | { uploaded: false; name: string; reason: string };

/** Saves files as a workflow artifact; `DefaultArtifactClient` in Actions, a fake in tests. */
export interface ArtifactUploader {
  upload(
    name: string,
    files: readonly string[],
    rootDirectory: string,
  ): Promise<{ id?: number | undefined; size?: number | undefined }>;
}

/** The part of `@actions/artifact`'s client the uploader uses. */
export interface ArtifactClientLike {
  uploadArtifact(
    name: string,
    files: string[],
    rootDirectory: string,
    options?: { retentionDays?: number },
  ): Promise<{ id?: number; size?: number }>;
}

/**
 * The uploader for GitHub Actions, over `@actions/artifact`'s
 * `DefaultArtifactClient`. The client is loaded on first upload: it is large
 * (the Azure SDK), and a run that reports fine never needs it.
 */
export function createActionsArtifactUploader(
  options: { retentionDays?: number; client?: ArtifactClientLike } = {},
): ArtifactUploader {
  let client = options.client;
  return {
    async upload(name, files, rootDirectory) {
      if (client === undefined) {
        const { DefaultArtifactClient } = await import("@actions/artifact");
        client = new DefaultArtifactClient();
      }
      const retention =
        options.retentionDays === undefined ? {} : { retentionDays: options.retentionDays };
      const { id, size } = await client.uploadArtifact(name, [...files], rootDirectory, retention);
      return { id, size };
    },
  };
}

/** Uploads and reports the outcome instead of throwing: a failed upload must not hide the reason it was needed. */
export async function uploadArtifact(
  uploader: ArtifactUploader,
  name: string,
  files: readonly string[],
  rootDirectory: string,
): Promise<ArtifactUpload> {
  try {
    const { id, size } = await uploader.upload(name, files, rootDirectory);
    return {
      uploaded: true,
      name,
      ...(id === undefined ? {} : { id }),
      ...(size === undefined ? {} : { size }),
    };
  } catch (error) {
    return {
      uploaded: false,
      name,
      reason: error instanceof Error ? error.message : String(error),
    };
  }
}
