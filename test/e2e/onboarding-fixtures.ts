import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import type { TestDatabase } from "../helpers/database.js";
import type { GitHubNock } from "../helpers/github-nock.js";
import type { TestServer } from "../helpers/test-server.js";

type Payload = Record<string, unknown>;

/** A real webhook example of `event` with `action` (the `nth` such, from 0). */
export function example(event: string, action: string, nth = 0): Payload {
  const group = examples.find((g) => g.name === event);
  const found = group?.examples.filter((e) => (e as { action?: string }).action === action)[nth];
  if (!found) throw new Error(`No ${event}.${action} example`);
  return found as Payload;
}

/** `GET …/contents/{path}` of one file (Octokit percent-encodes the slashes). */
export function contentsPath(repoPath: string, path: string) {
  return (uri: string) =>
    decodeURIComponent(uri.split("?")[0] ?? "") === `${repoPath}/contents/${path}`;
}

/** A file as `GET …/contents` answers it. */
export function fileReply(path: string, text: string) {
  return {
    type: "file",
    encoding: "base64",
    size: text.length,
    name: path.split("/").at(-1),
    path,
    content: Buffer.from(text).toString("base64"),
    sha: "f".repeat(40),
  };
}

/** Marks every pending effect outside `kinds` done, then performs the rest: each test checks its own performers. */
export async function performOnly(db: TestDatabase, app: TestServer, kinds: readonly string[]) {
  await db.sql`UPDATE outbox SET status = 'done' WHERE status = 'pending' AND NOT (kind = ANY(${kinds as string[]}))`;
  await app.server.worker?.runOnce();
}

/** The README of a product: enough words for a kickoff. */
export const PRODUCT_README = `# Bike Shop\n\n${"A web shop where people buy and sell second-hand bikes, with listings, search, payments and reviews. ".repeat(4)}\n`;

/** GitHub's answers for a repository that has neither onboarding file and no onboarding PR. */
export function nockFreshRepository(github: GitHubNock, repoPath: string, defaultBranch = "main") {
  github.get(repoPath).reply(200, { default_branch: defaultBranch });
  github
    .get(contentsPath(repoPath, ".github/workflows/quantapilot.yml"))
    .query(true)
    .reply(404, { message: "Not Found" });
  github
    .get(contentsPath(repoPath, ".github/quantapilot.yml"))
    .query(true)
    .reply(404, { message: "Not Found" });
  github
    .get(`${repoPath}/pulls`)
    .query((q) => q.state === "all" && String(q.head).endsWith(":quantapilot/onboarding"))
    .reply(200, []);
}
