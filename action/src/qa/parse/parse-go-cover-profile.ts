import type { LineHits } from "../qa-step.js";
import { measured, type Reading, unreadable } from "../qa-step.js";
import { packageDir } from "./parse-go-test-json.js";
import type { LcovCoverage } from "./parse-lcov.js";
import { roundPct } from "./text-tools.js";

/**
 * Reads a Go cover profile (`go test -coverprofile`): statement coverage as
 * Go reports it, and hits for every line a block spans, paths made relative
 * to the module root.
 */
export function parseGoCoverProfile(text: string, modulePath: string): Reading<LcovCoverage> {
  if (!text.startsWith("mode:")) return unreadable("the Go cover profile has no mode: line");
  const lineHits: LineHits = new Map();
  let statements = 0;
  let covered = 0;
  for (const line of text.split("\n").slice(1)) {
    const m = /^(.+\.go):(\d+)\.\d+,(\d+)\.\d+ (\d+) (\d+)$/.exec(line.trim());
    if (m === null) continue;
    const [, file = "", start, end, count, hits] = m;
    const slash = file.lastIndexOf("/");
    const path = `${packageDir(file.slice(0, slash), modulePath)}${file.slice(slash + 1)}`;
    const fileHits = lineHits.get(path) ?? new Map<number, number>();
    lineHits.set(path, fileHits);
    for (let n = Number(start); n <= Number(end); n += 1) {
      fileHits.set(n, Math.max(fileHits.get(n) ?? 0, Number(hits)));
    }
    statements += Number(count);
    if (Number(hits) > 0) covered += Number(count);
  }
  const totalPct = statements === 0 ? null : roundPct((covered / statements) * 100);
  return measured({ lineHits, totalPct });
}
