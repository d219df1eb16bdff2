import { config as configPlugin } from "@probot/octokit-plugin-config";
import type { ProbotOctokit } from "probot";
import { type ConfigError, readConfigDocument } from "../../contract/parse-config.js";

type Request = ProbotOctokit["request"];
type Loader = ReturnType<typeof configPlugin>["config"];

/** A config file's text, refused before Probot's loader parsed it. */
export class UnreadableConfigText extends Error {
  override name = "UnreadableConfigText";
  constructor(
    readonly errors: ConfigError[],
    readonly file: { owner: string; repo: string; path: string },
  ) {
    super(`${file.owner}/${file.repo}:${file.path}: ${errors[0]?.message ?? "unreadable"}`);
  }
}

/**
 * Probot's config loader (`_extends`, the org's `.github` fallback), reading
 * every file it fetches through `readConfigDocument` before its own
 * `yaml.parse` sees it. That parse has no size cap (a 300 KiB file of
 * comments read as "no config", dropping the project's approvers and gates
 * for the defaults) and ran out of memory on deeply nested brackets, killing
 * the process on every redelivery. A refused file throws `UnreadableConfigText`.
 */
export function guardedConfigLoader(octokit: { request: Request }): Loader {
  const guarded = (async (options: Parameters<Request>[0]) => {
    const response = await octokit.request(options as never);
    if (typeof response.data === "string") {
      const read = readConfigDocument(response.data);
      const { owner, repo, path } = options as unknown as {
        owner: string;
        repo: string;
        path: string;
      };
      if (!read.ok) throw new UnreadableConfigText(read.errors, { owner, repo, path });
    }
    return response;
  }) as unknown as Request;
  const request = Object.assign(guarded, { endpoint: octokit.request.endpoint });
  return configPlugin({ request } as unknown as Parameters<typeof configPlugin>[0]).config;
}
