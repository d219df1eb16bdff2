import { readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Metafile } from "esbuild";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The bundles: the Action's entry and the local `quantapilot` command. */
export const ACTION_ENTRIES = {
  index: "action/src/run.ts",
  cli: "action/src/cli/cli.ts",
} as const;

// Bundled CommonJS dependencies call require(); an ES module has none of its own.
const BANNER = [
  'import { createRequire as __qpCreateRequire } from "node:module";',
  "const require = __qpCreateRequire(import.meta.url);",
].join("\n");

/**
 * Bundles the action into `outdir` (`action/dist` by default): one ES
 * module per entry, every dependency inside, for Node 20 and later, and
 * `licenses.txt` with the licence of each bundled package. The output
 * depends only on the sources and the lock file, so a test can rebuild into
 * a temporary directory and compare it with what is committed.
 */
export async function buildAction(outdir = join(ROOT, "action/dist")): Promise<string[]> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: Object.entries(ACTION_ENTRIES).map(([out, input]) => ({ out, in: input })),
    outdir,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    minify: true,
    legalComments: "none",
    banner: { js: BANNER },
    metafile: true,
    logLevel: "warning",
  });
  await writeFile(join(outdir, "licenses.txt"), await collectLicenses(result.metafile));
  return [...Object.keys(ACTION_ENTRIES).map((name) => `${name}.js`), "licenses.txt"];
}

const LICENSE_FILES = ["LICENSE", "LICENSE.md", "LICENSE.txt", "license", "LICENCE", "LICENSE-MIT"];

async function collectLicenses(metafile: Metafile): Promise<string> {
  const packages = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    // The innermost node_modules owns the file (a nested copy has its own licence).
    const at = input.lastIndexOf("node_modules/");
    if (at === -1) continue;
    const name = /^((?:@[^/]+\/)?[^/]+)\//.exec(input.slice(at + "node_modules/".length))?.[1];
    if (name) packages.add(input.slice(0, at + "node_modules/".length + name.length));
  }
  const sections = await Promise.all([...packages].sort().map(licenseSection));
  return `${sections.join("\n\n")}\n`;
}

async function licenseSection(dir: string): Promise<string> {
  const manifest = JSON.parse(await readFile(join(ROOT, dir, "package.json"), "utf8")) as {
    name: string;
    version: string;
    license?: string;
  };
  let text: string | undefined;
  for (const name of LICENSE_FILES) {
    text = await readFile(join(ROOT, dir, name), "utf8").catch(() => undefined);
    if (text !== undefined) break;
  }
  const head = `${manifest.name}@${manifest.version} (${manifest.license ?? "no licence field"})`;
  return `${head}\n${"=".repeat(head.length)}\n${text?.trim() ?? "No licence file shipped with the package."}`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const written = await buildAction();
  console.log(
    `Wrote ${written.map((file) => relative(ROOT, join(ROOT, "action/dist", file))).join(", ")}`,
  );
}
