import { CONFIG_PATH } from "../../../contract/config.js";

/** The branch of the onboarding PR: found again by it, never opened twice. */
export const ONBOARDING_BRANCH = "quantapilot/onboarding";
/** Where target repositories keep the stage workflow the app dispatches. */
export const WORKFLOW_PATH = ".github/workflows/quantapilot.yml";
/** The trailer that lets a retry recognise the onboarding commit it made before. */
export const ONBOARDING_TRAILER = "QuantaPilot-Onboarding: 1";

export interface OnboardingFile {
  path: string;
  content: string;
}

/** The onboarding files a repository lacks; an existing file is never overwritten. */
export function missingOnboardingFiles(
  present: ReadonlySet<string>,
  workflow: string,
  config: string,
): OnboardingFile[] {
  const files = [
    { path: WORKFLOW_PATH, content: workflow },
    { path: CONFIG_PATH, content: config },
  ];
  return files.filter((file) => !present.has(file.path));
}

/** The onboarding commit's message, with the trailer a retry looks for. */
export function onboardingCommitMessage(files: readonly OnboardingFile[]): string {
  const paths = files.map((file) => `- ${file.path}`).join("\n");
  return `Set up QuantaPilot\n\nAdds:\n${paths}\n\n${ONBOARDING_TRAILER}`;
}

/** Title and body of the onboarding PR: what it adds, and what merging it starts. */
export function onboardingPullRequest(files: readonly OnboardingFile[]): {
  title: string;
  body: string;
} {
  const added = files.map((file) => `- \`${file.path}\``).join("\n");
  const body = [
    "QuantaPilot is installed on this repository. This pull request adds what it needs:",
    added,
    `\`${WORKFLOW_PATH}\` is the stage workflow QuantaPilot dispatches; it runs with \`contents: read\` and \`id-token: write\` only, and results are accepted only from this file on the default branch. \`${CONFIG_PATH}\` shows every setting with its default, commented out.`,
    "**Merge this pull request to activate QuantaPilot.** If the README describes a product and there is no `docs/PLAN.md` yet, the architect then starts planning it. Until then nothing runs.",
    "Set `ANTHROPIC_API_KEY` and/or `OPENAI_API_KEY` as repository or organisation secrets for the stage jobs.",
  ].join("\n\n");
  return { title: "Set up QuantaPilot", body };
}
