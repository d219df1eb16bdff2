import { parseNpmAudit } from "../parse/parse-npm-audit.js";
import { type MaybeStep, unreadable, type VulnerabilityFigures } from "../qa-step.js";
import type { NodePackage } from "./node-package.js";

/**
 * The Node.js audit: the package manager's audit with JSON output. A
 * project that depends on nothing has nothing to audit: zero of each.
 */
export function nodeAuditStep(pkg: NodePackage): MaybeStep<VulnerabilityFigures> {
  if (pkg.dependencies.size === 0) return { fixed: { critical: 0, high: 0, moderate: 0, low: 0 } };
  if (pkg.lockfile === undefined)
    return {
      skipped: `${pkg.manager} audit needs a lockfile, and the project has none (commit package-lock.json)`,
    };
  return {
    command: { label: `${pkg.manager} audit`, argv: [pkg.manager, "audit", "--json"] },
    // The audit exits non-zero when it finds vulnerabilities: the JSON decides, not the exit code.
    read: async (run) =>
      run.problem !== undefined ? unreadable(run.problem) : parseNpmAudit(run.stdout),
  };
}
