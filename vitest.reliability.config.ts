import { defineConfig } from "vitest/config";

// The long soak (`npm run test:reliability`): lives of ~1,000 deliveries in
// chaos, GitHub faults and an app SIGKILLed 20+ times. Its fast siblings
// (`test/reliability/*.test.ts`) run in `npm test`.
export default defineConfig({
  test: {
    include: ["test/reliability/**/*.soak.ts"],
    globalSetup: ["test/global-setup.ts"],
    pool: "forks",
    // One soak at a time: they measure the app, not a machine shared with each other.
    fileParallelism: false,
    testTimeout: 1_800_000,
    hookTimeout: 120_000,
    reporters: ["default", ["json", { outputFile: ".vitest/reliability.json" }]],
  },
});
