import type { TestFigures } from "../qa-step.js";
import { measured, type Reading, unreadable } from "../qa-step.js";
import { cleanMessage, clip } from "./text-tools.js";

type Tests = NonNullable<TestFigures["tests"]>;

interface GoEvent {
  Action?: string;
  Package?: string;
  Test?: string;
  Output?: string;
}

/** The package's folder in the repository: its import path without the module path. */
export function packageDir(pkg: string, modulePath: string): string {
  if (pkg === modulePath) return "";
  return pkg.startsWith(`${modulePath}/`) ? `${pkg.slice(modulePath.length + 1)}/` : "";
}

function readEvents(text: string): GoEvent[] | undefined {
  const events: GoEvent[] = [];
  for (const line of text.split("\n")) {
    if (!line.startsWith("{")) continue;
    try {
      events.push(JSON.parse(line) as GoEvent);
    } catch {
      return undefined;
    }
  }
  return events.length === 0 ? undefined : events;
}

function failureOf(event: GoEvent, output: string, modulePath: string) {
  const at = /^\s+([\w.-]+_test\.go):(\d+): ([\s\S]*)$/m.exec(output);
  const dir = packageDir(event.Package ?? "", modulePath);
  return {
    name: clip(`${event.Package ?? ""} ${event.Test ?? ""}`.trim(), 1_000),
    ...(at && { file: `${dir}${at[1]}`, line: Number(at[2]) }),
    message: cleanMessage(at?.[3] ?? output),
  };
}

/**
 * Reads `go test -json`: one event per line; a test's pass, fail or skip
 * counts, and a failing test's output gives its file, line and message. A
 * package that failed without a failing test (a build error) counts as one failure.
 */
export function parseGoTestJson(text: string, modulePath: string): Reading<Tests | null> {
  const events = readEvents(text);
  if (events === undefined) return unreadable("`go test -json` printed no JSON events");
  const tests: Tests = { passed: 0, failed: 0, skipped: 0, failures: [] };
  const output = new Map<string, string>();
  const failedPackages = new Set<string>();
  for (const e of events) {
    const key = `${e.Package}\u0000${e.Test ?? ""}`;
    if (e.Action === "output") output.set(key, (output.get(key) ?? "") + (e.Output ?? ""));
    if (e.Test === undefined) {
      if (e.Action === "fail") failedPackages.add(e.Package ?? "");
      continue;
    }
    if (e.Action === "pass") tests.passed += 1;
    else if (e.Action === "skip") tests.skipped += 1;
    else if (e.Action === "fail") {
      tests.failed += 1;
      failedPackages.delete(e.Package ?? "");
      if (tests.failures.length < 200)
        tests.failures.push(failureOf(e, output.get(key) ?? "", modulePath));
    }
  }
  for (const pkg of failedPackages) {
    if (tests.failures.some((f) => f.name.startsWith(`${pkg} `))) continue;
    tests.failed += 1;
    const message = cleanMessage(output.get(`${pkg}\u0000`) ?? "the package failed");
    if (tests.failures.length < 200) tests.failures.push({ name: `${pkg} (package)`, message });
  }
  return measured(tests.passed + tests.failed + tests.skipped === 0 ? null : tests);
}
