import { COMMAND_NAMES, type CommandName } from "../../../contract/config.js";

const MAX_DISTANCE = 2;

// Words within two edits of a command that are not typos of it: other bots'
// commands (Prow's /retest, /honk and /unhold, PR-Agent's /improve) and words
// whose nearest command means something else. A hint there is noise or harm.
const NOT_TYPOS: ReadonlySet<string> = new Set([
  "retest",
  "honk",
  "unhold",
  "improve",
  "reset",
  "revert",
  "reply",
]);

// Edit distance over code points (a look-alike letter or a zero-width
// character is one edit), counting a swap of neighbours as one edit too.
function editDistance(a: readonly string[], b: readonly string[]): number {
  const rows = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const above = rows[i - 1] ?? [];
      let best = Math.min((above[j - 1] ?? 0) + cost, (above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row[j] = best;
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}

/**
 * The command a mistyped `name` most likely meant ("did you mean /approve?"):
 * the closest within two edits, ties going to the earlier command.
 */
export function suggestCommand(name: string): CommandName | undefined {
  const typed = name.toLowerCase();
  // Longer than any command plus two edits: cannot be close, skip the work.
  if (typed.length > 12 || NOT_TYPOS.has(typed)) return undefined;
  let best: { name: CommandName; distance: number } | undefined;
  for (const candidate of COMMAND_NAMES) {
    const distance = editDistance(Array.from(typed), Array.from(candidate));
    if (distance <= MAX_DISTANCE && (best === undefined || distance < best.distance)) {
      best = { name: candidate, distance };
    }
  }
  return best?.name;
}
