import { mkdir, readFile, writeFile } from "node:fs/promises";

/** Where the soak leaves its figures, for the README's "Reliability" section. */
export const FIGURES_FILE = ".vitest/reliability-figures.json";

/** Merges one soak's figures into the figures file, under `name`, with when they were taken. */
export async function recordFigures(name: string, figures: Record<string, unknown>): Promise<void> {
  await mkdir(".vitest", { recursive: true });
  const all = JSON.parse(await readFile(FIGURES_FILE, "utf8").catch(() => "{}")) as Record<
    string,
    unknown
  >;
  all[name] = { ...figures, at: new Date().toISOString() };
  await writeFile(FIGURES_FILE, `${JSON.stringify(all, null, 2)}\n`);
}
