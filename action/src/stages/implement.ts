import type { StageDefinition } from "./stage-definition.js";
import { noProducts } from "./stage-definition.js";
import { ALL_TOOLS, bulletList } from "./stage-tools.js";

const DELIVERABLES = [
  "Change the code on this work branch so the task is done: the smallest change that meets the acceptance criteria.",
  "Add or update the tests that prove it, next to the code, as AGENTS.md says.",
  "Run the project's tests (and linter, when allowed) with `run` as you go, and again before you finish; fix what fails.",
  "Update the documentation a user reads (README, docs/) when behaviour changes.",
  "Do not commit or push: the changes in the workspace are collected when you finish.",
];

/** implement (developer): code on the work branch, tested as it is written. */
export const implementStage: StageDefinition = {
  stage: "implement",
  role: "developer",
  tools: ALL_TOOLS,
  writes: true,
  maxOutputTokens: 8_000,
  async open() {
    return {
      brief: `# What this stage delivers\n\n${bulletList(DELIVERABLES)}`,
      tools: [],
      conclude: async () => noProducts(),
    };
  },
};
