import { z } from "zod";
import { exists, readText } from "../read-project-file.js";

const deps = z.record(z.string(), z.unknown()).optional().catch(undefined);

const packageSchema = z.looseObject({
  scripts: z.record(z.string(), z.string()).optional().catch(undefined),
  dependencies: deps,
  devDependencies: deps,
  optionalDependencies: deps,
  peerDependencies: deps,
});

/** What the test stage needs of a package.json. */
export interface NodePackage {
  scripts: Record<string, string>;
  /** Every dependency named, of any kind. */
  dependencies: Set<string>;
  manager: "npm" | "pnpm" | "yarn";
  lockfile: string | undefined;
}

// npm init writes this test script: it runs no test.
const PLACEHOLDER_TEST = /no test specified/;

/** The package manager its lockfile names, npm without one. */
async function detectManager(dir: string): Promise<Pick<NodePackage, "manager" | "lockfile">> {
  if (await exists(dir, "pnpm-lock.yaml")) return { manager: "pnpm", lockfile: "pnpm-lock.yaml" };
  if (await exists(dir, "yarn.lock")) return { manager: "yarn", lockfile: "yarn.lock" };
  for (const lockfile of ["package-lock.json", "npm-shrinkwrap.json"])
    if (await exists(dir, lockfile)) return { manager: "npm", lockfile };
  return { manager: "npm", lockfile: undefined };
}

/**
 * The checkout's package.json, read leniently (a broken field counts as
 * absent); undefined without one; an Error saying why when it is not JSON.
 */
export async function readNodePackage(dir: string): Promise<NodePackage | Error | undefined> {
  const text = await readText(`${dir}/package.json`, 4 * 1024 * 1024);
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return new Error(`package.json is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = packageSchema.safeParse(json);
  if (!parsed.success) return new Error("package.json is not a JSON object");
  const { scripts = {}, ...rest } = parsed.data;
  const names = [
    rest.dependencies,
    rest.devDependencies,
    rest.optionalDependencies,
    rest.peerDependencies,
  ];
  const dependencies = new Set(names.flatMap((d) => Object.keys(d ?? {})));
  const usable = Object.fromEntries(
    Object.entries(scripts).filter(([name, s]) => !(name === "test" && PLACEHOLDER_TEST.test(s))),
  );
  return { scripts: usable, dependencies, ...(await detectManager(dir)) };
}

/** Whether the project uses `tool`: a dependency on it, or a script calling it. */
export function usesTool(pkg: NodePackage, tool: string, dependency = tool): boolean {
  const word = new RegExp(`(^|[\\s/])${tool}(\\s|$)`);
  return pkg.dependencies.has(dependency) || Object.values(pkg.scripts).some((s) => word.test(s));
}
