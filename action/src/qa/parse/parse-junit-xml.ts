import type { TestFigures } from "../qa-step.js";
import { measured, type Reading, unreadable } from "../qa-step.js";
import { cleanMessage, clip, toRepoPath } from "./text-tools.js";

type Tests = NonNullable<TestFigures["tests"]>;

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decode(text: string): string {
  return text
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, "$1")
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
      if (name[0] === "#") {
        const code =
          name[1] === "x" || name[1] === "X"
            ? Number.parseInt(name.slice(2), 16)
            : Number(name.slice(1));
        return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name] ?? whole;
    });
}

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [, name, double, single] of tag.matchAll(
    /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g,
  )) {
    if (name !== undefined) found[name] = decode(double ?? single ?? "");
  }
  return found;
}

// pytest and others put "path/to/test_x.py:12: AssertionError" in the failure text.
function locate(dir: string, attrs: Record<string, string>, body: string) {
  const fromBody = /^([^\s:]+\.\w+):(\d+):/m.exec(body);
  const rawFile = attrs.file ?? fromBody?.[1];
  const file = rawFile === undefined ? undefined : toRepoPath(dir, rawFile);
  const rawLine = attrs.line ?? (fromBody && rawFile === fromBody[1] ? fromBody[2] : undefined);
  const line = rawLine === undefined ? undefined : Number(rawLine);
  return { ...(file && { file }), ...(file && line && line > 0 && { line }) };
}

function failureOf(dir: string, attrs: Record<string, string>, inner: string) {
  const tag = /<(failure|error)\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1>)/.exec(inner);
  if (tag === null) return null;
  const failAttrs = attributes(tag[2] ?? "");
  const body = decode(tag[3] ?? "");
  const name = [attrs.classname, attrs.name].filter(Boolean).join(" › ") || "(unnamed test)";
  const message =
    failAttrs.message ?? body.split("\n").find((l) => l.trim() !== "") ?? tag[1] ?? "";
  return { name: clip(name, 1_000), ...locate(dir, attrs, body), message: cleanMessage(message) };
}

/**
 * Reads JUnit XML (pytest `--junitxml`, jest-junit, go-junit-report, …):
 * each `<testcase>` passed, skipped, or failed with `<failure>`/`<error>`,
 * the failure located at file and line from attributes or its text.
 */
export function parseJunitXml(xml: string, dir: string): Reading<Tests | null> {
  if (!/<testsuites?\b/.test(xml)) return unreadable("the JUnit report has no <testsuite> element");
  const tests: Tests = { passed: 0, failed: 0, skipped: 0, failures: [] };
  for (const [, tag = "", , inner = ""] of xml.matchAll(
    /<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g,
  )) {
    const attrs = attributes(tag);
    const failure = failureOf(dir, attrs, inner);
    if (failure !== null) {
      tests.failed += 1;
      if (tests.failures.length < 200) tests.failures.push(failure);
    } else if (/<skipped\b/.test(inner)) tests.skipped += 1;
    else tests.passed += 1;
  }
  return measured(tests.passed + tests.failed + tests.skipped === 0 ? null : tests);
}
