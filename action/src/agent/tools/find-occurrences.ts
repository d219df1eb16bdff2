/** Where `needle` occurs in `text`: start indexes, non-overlapping, left to right. */
export function findOccurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) {
    found.push(at);
  }
  return found;
}

/** The 1-based line of a character index. */
export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let at = text.indexOf("\n"); at !== -1 && at < index; at = text.indexOf("\n", at + 1)) {
    line++;
  }
  return line;
}

/**
 * The 1-based line where `needle` matches `text` when each line is compared
 * trimmed (indentation, trailing spaces, CRLF), or undefined. Models often
 * get indentation wrong; pointing at the spot saves a turn.
 */
export function findLooseMatch(text: string, needle: string): number | undefined {
  const wanted = trimmedLines(needle);
  while (wanted.at(0) === "") wanted.shift();
  while (wanted.at(-1) === "") wanted.pop();
  if (wanted.length === 0) return undefined;
  const lines = trimmedLines(text);
  for (let start = 0; start + wanted.length <= lines.length; start++) {
    if (wanted.every((line, offset) => lines[start + offset] === line)) return start + 1;
  }
  return undefined;
}

function trimmedLines(text: string): string[] {
  return text.split("\n").map((line) => line.trim());
}
