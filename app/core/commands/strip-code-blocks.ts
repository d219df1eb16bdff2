type Fence = { marker: string; length: number; indent: number };
type State = { fence: Fence | undefined; inIndentedCode: boolean; afterBlank: boolean };

const FENCE_OPEN = /^([ \t]*)(`{3,}|~{3,})/;
const FENCE_CLOSE = /^([ \t]*)(`{3,}|~{3,})[ \t]*$/;
const BLANK = /^[ \t]*$/;

// Columns of leading indentation; a tab advances to the next multiple of four.
function indentWidth(line: string): number {
  let width = 0;
  for (const char of line) {
    if (char === " ") width += 1;
    else if (char === "\t") width += 4 - (width % 4);
    else break;
  }
  return width;
}

function openFence(line: string): Fence | undefined {
  const match = FENCE_OPEN.exec(line);
  const run = match?.[2];
  if (match === null || run === undefined) return undefined;
  return { marker: run.charAt(0), length: run.length, indent: indentWidth(line) };
}

// A closer indented differently from its opener may belong to another list
// level; treating it as code content hides too much rather than too little.
function closesFence(line: string, fence: Fence): boolean {
  const run = FENCE_CLOSE.exec(line)?.[2];
  const indent = indentWidth(line);
  return (
    run?.startsWith(fence.marker) === true &&
    run.length >= fence.length &&
    indent >= fence.indent &&
    indent <= Math.max(3, fence.indent)
  );
}

function step(state: State, line: string): [State, string] {
  if (state.fence) {
    const fence = closesFence(line, state.fence) ? undefined : state.fence;
    return [{ fence, inIndentedCode: false, afterBlank: true }, ""];
  }
  const blank = BLANK.test(line);
  // Indented code needs a blank line before it; otherwise the line continues a paragraph.
  if (!blank && indentWidth(line) >= 4 && (state.afterBlank || state.inIndentedCode)) {
    return [{ fence: undefined, inIndentedCode: true, afterBlank: false }, ""];
  }
  const fence = blank ? undefined : openFence(line);
  const inIndentedCode = blank && state.inIndentedCode;
  return [{ fence, inIndentedCode, afterBlank: blank || fence !== undefined }, fence ? "" : line];
}

/**
 * Blanks fenced code blocks (``` and ~~~, an unclosed one to the end of the
 * text, at any indentation) and indented code blocks, keeping the line count.
 */
export function stripCodeBlocks(lines: readonly string[]): string[] {
  let state: State = { fence: undefined, inIndentedCode: false, afterBlank: true };
  return lines.map((line) => {
    const [next, kept] = step(state, line);
    state = next;
    return kept;
  });
}
