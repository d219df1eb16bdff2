import { describe, expect, it } from "vitest";
import { aState, configWith, SHA_A, SHA_B } from "../pipeline/pipeline-fixtures.js";
import type { WorkItem } from "../pipeline/state.js";
import { renderStatusComment, type StatusDecision, statusCommentMarker } from "./status-comment.js";

const approval = (sha: string | null, args = ""): StatusDecision => ({
  actor: "alice",
  command: "approve",
  args,
  sha,
  source: "review",
  at: "2026-03-01T12:30:00Z",
  url: "https://github.com/acme/app/pull/8#pullrequestreview-1",
});

const render = (
  item: Partial<WorkItem>,
  decisions: StatusDecision[] = [],
  title = "Add a login page",
) =>
  renderStatusComment({
    state: aState({
      item: { id: 7, ...item },
      project: { spentUsd: 12.5 },
      config: configWith({ max_iterations: 2 }),
    }),
    title,
    runs: [
      {
        runNumber: 2,
        stage: "test",
        status: "in_progress",
        usdSpent: 0,
        checkRunUrl: "https://github.com/acme/app/runs/12",
      },
      { runNumber: 1, stage: "implement", status: "succeeded", usdSpent: 0.42, checkRunUrl: null },
    ],
    decisions,
  });

describe("renderStatusComment", () => {
  it("shows where the item stands, who acts next, runs, decisions and spend", () => {
    const body = render(
      { stage: "review", state: "awaiting_approval", headSha: SHA_A, iteration: 1, spentUsd: 0.42 },
      [approval(SHA_B), { ...approval(null, "cancel"), actor: "bob", url: null }],
    );
    expect(body).toMatchInlineSnapshot(`
      "<!-- quantapilot:status:7 -->
      ### QuantaPilot: Add a login page

      **Next:** Waiting for approval of review at aaaaaaa: approve the PR, comment /approve, or press Approve.

      | | |
      |---|---|
      | Stage | review |
      | State | awaiting approval |
      | Rework rounds | 1 of at most 2 |
      | Head | \`aaaaaaa\` · approved: not yet |
      | Spend | $0.42 on this item · project $12.50 of $50.00 ($37.50 left) |

      **Runs**

      | # | Stage | Status | Check run | Cost |
      |--:|---|---|---|--:|
      | 2 | test | in progress | [QuantaPilot / test](https://github.com/acme/app/runs/12) | $0.00 |
      | 1 | implement | succeeded | — | $0.42 |

      **Decisions**

      - \`@alice\` /approve at \`bbbbbbb\` ([review](https://github.com/acme/app/pull/8#pullrequestreview-1), 2026-03-01 12:30 UTC) — void: the head moved to \`aaaaaaa\`
      - \`@bob\` /approve cancel (review, 2026-03-01 12:30 UTC)

      <sub>QuantaPilot keeps this comment up to date. Comment /help for the commands.</sub>"
    `);
  });

  it.each<[string, Partial<WorkItem>, string | null, string]>([
    ["in force", { headSha: SHA_A, approvedSha: SHA_A }, SHA_A.slice(0, 7), " — in force"],
    [
      "void after a push",
      { headSha: SHA_B, approvedSha: null },
      SHA_A,
      " — void: the head moved to `bbbbbbb`",
    ],
    ["given on the head, not yet used", { headSha: SHA_A, approvedSha: null }, SHA_A, ""],
    ["without a SHA", { headSha: SHA_A }, null, ""],
  ])("says whether an approval still holds: %s", (_, item, sha, note) => {
    const line = render(item, [approval(sha)])
      .split("\n")
      .find((l) => l.startsWith("- `@alice`"));
    expect(line?.endsWith(`UTC)${note}`)).toBe(true);
  });

  it("cannot be made to carry another item's marker or ping people through its title", () => {
    const body = render({}, [], "Fix <!-- quantapilot:status:9 --> for @everyone");
    expect(body.split(statusCommentMarker(9))).toHaveLength(1);
    expect(body).toContain("\\@everyone");
    expect(body.startsWith(`${statusCommentMarker(7)}\n`)).toBe(true);
  });

  it("says when the item is on hold", () => {
    expect(render({ state: "running", held: true })).toContain("| State | running (on hold) |");
  });
});
