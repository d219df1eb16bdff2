import type { TestFigures } from "../qa-step.js";
import { measured, type Reading, unreadable } from "../qa-step.js";
import { cleanMessage } from "./text-tools.js";

type Tests = NonNullable<TestFigures["tests"]>;

/**
 * Reads `cargo test` output. Its JSON format is nightly-only, so this reads
 * the stable summary lines (`test result: ok. 3 passed; 1 failed; 2 ignored`)
 * and the `---- name stdout ----` sections that hold each failure, with the
 * `src/lib.rs:12:5` location of the panic.
 */
export function parseCargoTest(text: string): Reading<Tests | null> {
  const summaries = [
    ...text.matchAll(/test result: \w+\. (\d+) passed; (\d+) failed; (\d+) ignored/g),
  ];
  if (summaries.length === 0) return unreadable("`cargo test` printed no `test result:` line");
  const tests: Tests = { passed: 0, failed: 0, skipped: 0, failures: [] };
  for (const [, passed, failed, ignored] of summaries) {
    tests.passed += Number(passed);
    tests.failed += Number(failed);
    tests.skipped += Number(ignored);
  }
  for (const [, name = "", body = ""] of text.matchAll(
    /^---- (\S+) stdout ----\n([\s\S]*?)(?=\n\n|^----)/gm,
  )) {
    if (tests.failures.length >= Math.min(200, tests.failed)) break;
    const at = /panicked at ([^\s:]+\.rs):(\d+):\d+:\n?([\s\S]*)/.exec(body);
    tests.failures.push({
      name,
      ...(at && { file: at[1] ?? "", line: Number(at[2]) }),
      message: cleanMessage(at?.[3] ?? body),
    });
  }
  return measured(tests.passed + tests.failed + tests.skipped === 0 ? null : tests);
}
