import { describe, expect, it } from "vitest";
import { scrubEnv } from "./scrub-env.js";

describe("scrubEnv", () => {
  it("keeps the basics, drops keys, tokens and runner variables, and sets CI", () => {
    const env = {
      PATH: "/usr/bin",
      HOME: "/home/runner",
      LANG: "C.UTF-8",
      LC_ALL: "C.UTF-8",
      JAVA_HOME: "/opt/java",
      ANTHROPIC_API_KEY: "sk-ant-x",
      OPENAI_API_KEY: "sk-x",
      GITHUB_TOKEN: "ghs_x",
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: "x",
      ACTIONS_ID_TOKEN_REQUEST_URL: "https://x",
      ACTIONS_RUNTIME_TOKEN: "x",
      NODE_AUTH_TOKEN: "x",
      GITHUB_REPOSITORY: "acme/widgets",
      RUNNER_TEMP: "/tmp/runner",
      MY_CUSTOM_LLM: "custom key under an innocent name",
      UNSET: undefined,
    };
    expect(scrubEnv(env)).toEqual({
      PATH: "/usr/bin",
      HOME: "/home/runner",
      LANG: "C.UTF-8",
      LC_ALL: "C.UTF-8",
      JAVA_HOME: "/opt/java",
      CI: "true",
      NO_COLOR: "1",
      FORCE_COLOR: "0",
      GIT_TERMINAL_PROMPT: "0",
    });
  });
});
