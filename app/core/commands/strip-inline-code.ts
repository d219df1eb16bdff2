import { blankRanges, type Range } from "./blank-range.js";

type Run = { start: number; end: number; paragraph: number };

const PARAGRAPH_BREAK = /\n[ \t]*\n/g;

// Code spans never cross a blank line; number the paragraphs so runs in
// different ones never pair up.
function backtickRuns(text: string): Run[] {
  const breaks = Array.from(text.matchAll(PARAGRAPH_BREAK), (match) => match.index);
  let paragraph = 0;
  return Array.from(text.matchAll(/`+/g), (match) => {
    while ((breaks[paragraph] ?? Number.POSITIVE_INFINITY) < match.index) paragraph++;
    return { start: match.index, end: match.index + match[0].length, paragraph };
  });
}

// A backslash escapes the first backtick of an opening run (CommonMark), not of a closing one.
function isEscaped(text: string, position: number): boolean {
  let backslashes = 0;
  while (text[position - 1 - backslashes] === "\\") backslashes++;
  return backslashes % 2 === 1;
}

function findCloser(runs: readonly Run[], from: number, length: number): number {
  const paragraph = runs[from]?.paragraph;
  for (let i = from + 1; i < runs.length && runs[i]?.paragraph === paragraph; i++) {
    const run = runs[i];
    if (run && run.end - run.start === length) return i;
  }
  return -1;
}

/**
 * Replaces inline code spans, including ones that run over several lines of a
 * paragraph, so nothing written inside backticks can read as a command.
 */
export function stripInlineCode(text: string): string {
  const runs = backtickRuns(text);
  const spans: Range[] = [];
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i];
    if (run === undefined) continue;
    const start = isEscaped(text, run.start) ? run.start + 1 : run.start;
    const closer = start < run.end ? findCloser(runs, i, run.end - start) : -1;
    const end = runs[closer]?.end;
    if (end === undefined) continue;
    spans.push([start, end]);
    i = closer;
  }
  return blankRanges(text, spans);
}
