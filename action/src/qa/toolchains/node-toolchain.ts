import type { Toolchain } from "../qa-step.js";
import { exists } from "../read-project-file.js";
import { nodeAuditStep } from "./node-audit-step.js";
import { nodeLintStep } from "./node-lint-step.js";
import { readNodePackage } from "./node-package.js";
import { nodeTestStep, type StepPlace } from "./node-test-step.js";

const INSTALL: Record<string, string[]> = {
  npm: ["npm", "ci"],
  pnpm: ["pnpm", "install", "--frozen-lockfile"],
  yarn: ["yarn", "install", "--frozen-lockfile"],
};

/**
 * A Node.js project's toolchain, from its package.json and lockfile; dependencies
 * are installed from the lockfile when node_modules is missing. Undefined
 * for a checkout without package.json.
 */
export async function detectNodeToolchain(place: StepPlace): Promise<Toolchain | undefined> {
  const pkg = await readNodePackage(place.dir);
  if (pkg === undefined) return undefined;
  if (pkg instanceof Error) {
    const skipped = { skipped: pkg.message };
    return { name: "Node.js", install: null, test: skipped, lint: skipped, audit: skipped };
  }
  const needsInstall = pkg.lockfile !== undefined && !(await exists(place.dir, "node_modules"));
  const installArgv = INSTALL[pkg.manager] ?? ["npm", "ci"];
  const test = await nodeTestStep(place, pkg);
  const runner = "command" in test ? test.command.label.split(" ")[0] : "no tests";
  return {
    name: `Node.js (${pkg.manager}, ${runner})`,
    install: needsInstall ? { label: installArgv.join(" "), argv: installArgv } : null,
    test,
    lint: await nodeLintStep(place, pkg),
    audit: nodeAuditStep(pkg),
  };
}
