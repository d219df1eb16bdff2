/** A command line split into arguments, or why it cannot be run. */
export type ParsedCommand = { ok: true; argv: string[] } | { ok: false; message: string };

// Outside quotes a shell would act on these; inside double quotes it would
// still expand these. Commands run without a shell, so each is refused
// where a shell would give it a meaning we would not.
const OPERATOR_OUTSIDE_QUOTES = /[;&|<>()`$\\]/;
const EXPANDED_IN_DOUBLE_QUOTES = /[`$\\]/;

type Quote = "'" | '"' | undefined;

/**
 * Splits a command line into arguments exactly as a POSIX shell would, for
 * the part of shell syntax that needs no shell: words, '…' and "…". Whatever
 * a shell would interpret — `; && || | < > ( )` and backslashes outside
 * quotes, `$` and backticks outside single quotes, line breaks — is refused,
 * so the command never means something other than what the model expects.
 */
export function parseCommand(command: string): ParsedCommand {
  if (/[\r\n]/.test(command))
    return refuse("The command spans several lines; run one command at a time.");
  const argv: string[] = [];
  let word: string | undefined;
  let quote: Quote;
  for (const char of command) {
    const problem = interpreted(char, quote);
    if (problem !== undefined) return refuse(problem);
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
      else word += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      word ??= "";
    } else if (/\s/.test(char)) {
      if (word !== undefined) argv.push(word);
      word = undefined;
    } else {
      word = (word ?? "") + char;
    }
  }
  if (quote !== undefined) return refuse(`The command has an unclosed ${quote} quote.`);
  if (word !== undefined) argv.push(word);
  return argv.length === 0 ? refuse("The command is empty.") : { ok: true, argv };
}

function interpreted(char: string, quote: Quote): string | undefined {
  if (quote === undefined && OPERATOR_OUTSIDE_QUOTES.test(char)) {
    return `The command contains ${JSON.stringify(char)} outside quotes: commands run without a shell, so pipes, redirects, chaining (; && ||), subshells, $variables, backticks and escapes are not available. Run one command at a time, and put arguments holding such characters in single quotes.`;
  }
  if (quote === '"' && EXPANDED_IN_DOUBLE_QUOTES.test(char)) {
    return `The command contains ${JSON.stringify(char)} inside double quotes, where a shell would expand it; commands run without a shell. Use single quotes for a literal ${char}.`;
  }
  return undefined;
}

/**
 * The allowed command that permits `argv`, or undefined: an entry permits
 * itself and itself with more arguments (`npm test` permits `npm test -- x`),
 * compared argument by argument, so `npm testing` is not `npm test`.
 */
export function findAllowedCommand(
  argv: readonly string[],
  allowed: readonly string[],
): string | undefined {
  return allowed.find((entry) => {
    const parsed = parseCommand(entry);
    if (!parsed.ok || parsed.argv.length > argv.length) return false;
    return parsed.argv.every((arg, index) => arg === argv[index]);
  });
}

function refuse(message: string): ParsedCommand {
  return { ok: false, message };
}
