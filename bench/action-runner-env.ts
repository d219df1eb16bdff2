import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { LocalOidcIssuer } from "../test/helpers/local-oidc-issuer.js";

/** What the runner puts in a step's environment for a workflow_dispatch (as the e2e test does). */
export function runnerEnv(
  workspace: string,
  temp: string,
  issuer: LocalOidcIssuer,
  specJson: string,
) {
  const file = (name: string, text: string) => {
    writeFileSync(join(temp, name), text);
    return join(temp, name);
  };
  const event = {
    inputs: { spec: specJson },
    ref: "refs/heads/main",
    repository: { full_name: "octo-org/octo-repo", default_branch: "main" },
  };
  return {
    PATH: process.env.PATH ?? "",
    HOME: temp,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: "workflow_dispatch",
    GITHUB_EVENT_PATH: file("event.json", JSON.stringify(event)),
    GITHUB_OUTPUT: file("output", ""),
    GITHUB_STEP_SUMMARY: file("summary.md", ""),
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: "octo-org/octo-repo",
    GITHUB_RUN_ID: "9000001",
    GITHUB_SERVER_URL: "https://github.com",
    RUNNER_TEMP: temp,
    INPUT_SPEC: specJson,
    ACTIONS_ID_TOKEN_REQUEST_URL: issuer.tokenRequestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: issuer.tokenRequestToken,
  };
}
