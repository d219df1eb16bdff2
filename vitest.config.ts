import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "app/**/*.test.ts",
      "contract/**/*.test.ts",
      "prompts/**/*.test.ts",
      "action/src/**/*.test.ts",
      "test/**/*.test.ts",
    ],
    // Fixture projects carry their own tests, run by the QA stage's tests, not by this suite.
    exclude: ["**/node_modules/**", "test/fixtures/**"],
    globalSetup: ["test/global-setup.ts"],
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 60_000,
    reporters: ["default", ["json", { outputFile: ".vitest/results.json" }]],
  },
});
