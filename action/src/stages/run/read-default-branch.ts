import { readFile } from "node:fs/promises";

/**
 * The repository's default branch from the event payload Actions wrote
 * (`GITHUB_EVENT_PATH`), or undefined when there is no payload or it names
 * none: the review stage then works without a computed diff base.
 */
export async function readDefaultBranch(
  eventPath: string | undefined,
): Promise<string | undefined> {
  if (!eventPath) return undefined;
  const text = await readFile(eventPath, "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const event = JSON.parse(text) as { repository?: { default_branch?: unknown } };
    const branch = event.repository?.default_branch;
    return typeof branch === "string" && branch !== "" ? branch : undefined;
  } catch {
    return undefined;
  }
}
