import type { ProbotOctokit } from "probot";
import { z } from "zod";
import { CONFIG_PATH } from "../../contract/config.js";
import { type ConfigError, formatConfigErrors } from "../../contract/parse-config.js";

export const reportConfigPayload = z.object({
  owner: z.string(),
  repo: z.string(),
  headSha: z.string(),
  errors: z.array(
    z.object({
      path: z.string(),
      line: z.number().int().optional(),
      column: z.number().int().optional(),
      message: z.string(),
    }),
  ),
});
type Payload = Omit<z.output<typeof reportConfigPayload>, "errors"> & { errors: ConfigError[] };
type Octokit = Pick<ProbotOctokit, "request">;

const ISSUE_TITLE = "Action required: fix QuantaPilot configuration";
const MARKER = "<!-- quantapilot:config-errors -->";
// GitHub takes at most 50 annotations per request; the summary lists every error anyway.
const MAX_ANNOTATIONS = 50;

/**
 * Tells people what a config change did: a check run on the pushed commit
 * (failing, with an annotation per error, or green), and one issue that is
 * opened or updated while the config is invalid and closes itself once fixed.
 */
export async function reportConfig(octokit: Octokit, payload: Payload): Promise<void> {
  await createConfigCheckRun(octokit, payload);
  const issue = await findConfigIssue(octokit, payload);
  if (payload.errors.length === 0) {
    if (issue) await closeIssue(octokit, payload, issue);
    return;
  }
  const body = `${MARKER}\nThe QuantaPilot configuration on the default branch (${payload.headSha.slice(0, 7)}) is invalid, so the last valid one is still in use:\n\n\`\`\`\n${formatConfigErrors(payload.errors, CONFIG_PATH)}\n\`\`\`\n\nFix the file; this issue closes itself when it is valid again.`;
  const { owner, repo } = payload;
  if (issue)
    await octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
      owner,
      repo,
      issue_number: issue,
      body,
    });
  else
    await octokit.request("POST /repos/{owner}/{repo}/issues", {
      owner,
      repo,
      title: ISSUE_TITLE,
      body,
    });
}

async function createConfigCheckRun(octokit: Octokit, { owner, repo, headSha, errors }: Payload) {
  const valid = errors.length === 0;
  await octokit.request("POST /repos/{owner}/{repo}/check-runs", {
    owner,
    repo,
    name: "QuantaPilot / config",
    head_sha: headSha,
    external_id: `qp:config:${headSha}`,
    status: "completed",
    conclusion: valid ? "success" : "failure",
    output: {
      title: valid
        ? "Configuration is valid"
        : `${errors.length} configuration error${errors.length === 1 ? "" : "s"}`,
      summary: valid
        ? `\`${CONFIG_PATH}\` is valid and in use.`
        : `\`${CONFIG_PATH}\` is invalid; the last valid configuration stays in use.\n\n\`\`\`\n${formatConfigErrors(errors, CONFIG_PATH).slice(0, 60_000)}\n\`\`\``,
      annotations: errors.slice(0, MAX_ANNOTATIONS).map((error) => ({
        path: CONFIG_PATH,
        start_line: error.line ?? 1,
        end_line: error.line ?? 1,
        annotation_level: "failure" as const,
        message: error.path ? `${error.path}: ${error.message}` : error.message,
      })),
    },
  });
}

async function findConfigIssue(
  octokit: Octokit,
  { owner, repo }: Payload,
): Promise<number | undefined> {
  const { data } = await octokit.request("GET /repos/{owner}/{repo}/issues", {
    owner,
    repo,
    state: "open",
    per_page: 100,
  });
  return data.find((issue) => issue.body?.includes(MARKER))?.number;
}

async function closeIssue(octokit: Octokit, { owner, repo }: Payload, issueNumber: number) {
  await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
    owner,
    repo,
    issue_number: issueNumber,
    body: "The configuration is valid again. Closing.",
  });
  await octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
    owner,
    repo,
    issue_number: issueNumber,
    state: "closed",
    state_reason: "completed",
  });
}
