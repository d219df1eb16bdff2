import type { ChangedLines } from "./changed-lines.js";
import { roundPct } from "./parse/text-tools.js";
import type { LineHits } from "./qa-step.js";

/**
 * The share of changed executable lines that the tests ran, in percent:
 * lines the coverage tool instrumented (those it lists), among the lines
 * added since the base. With no executable line changed there is nothing
 * left uncovered: 100. Changed files the tool never saw are not code it
 * measures (docs, config) and are left out.
 */
export function changedLinesCoverage(changed: ChangedLines, hits: LineHits): number {
  let executable = 0;
  let covered = 0;
  for (const file of changed.files) {
    const fileHits = hits.get(file);
    if (fileHits === undefined) continue;
    const lines = changed.untracked.has(file) ? fileHits.keys() : (changed.lines.get(file) ?? []);
    for (const line of lines) {
      const count = fileHits.get(line);
      if (count === undefined) continue;
      executable += 1;
      if (count > 0) covered += 1;
    }
  }
  return executable === 0 ? 100 : roundPct((covered / executable) * 100);
}
