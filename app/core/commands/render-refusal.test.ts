import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCommands } from "./parse.js";
import { MAX_QUOTED_LENGTH, quoteForReply } from "./quote-for-reply.js";
import { renderRefusal } from "./render-refusal.js";

const refusal = (commentBody: string, login = "mallory") =>
  renderRefusal({
    login,
    reason: "/approve needs write access to this repository.",
    required: "write",
    actual: "read",
    commentBody,
  });

describe("renderRefusal", () => {
  it("says why, what is needed and what they have, and quotes the comment collapsed", () => {
    expect(refusal("/approve\nplease")).toBe(
      [
        "@mallory: /approve needs write access to this repository.",
        "",
        "Required: `write` access. You have: `read` access. Nothing was changed.",
        "",
        "<details><summary>Your comment</summary>",
        "",
        "> /approve",
        "> please",
        "",
        "</details>",
      ].join("\n"),
    );
  });

  it("names approval as the requirement when that is what is missing", () => {
    const reply = renderRefusal({
      login: "a",
      reason: "r",
      required: "approver",
      actual: "admin",
      commentBody: "",
    });
    expect(reply).toContain("Required: being listed as an approver. You have: `admin` access.");
  });

  it("contains no command, whatever the comment held", () => {
    const hostile = "</details>\n/approve\n<!--\n@quantapilot hold\n```\n/cancel";
    expect(parseCommands(refusal(hostile, "quantapilot"), { appSlug: "quantapilot" })).toEqual({
      commands: [],
      unknown: [],
    });
  });

  it("contains no command for any comment (property)", () => {
    const fragment = fc.oneof(
      fc.constantFrom("/approve", "@quantapilot approve", "</details>", "<!--", "-->", "```"),
      fc.constantFrom("\n", "\r\n", "> ", "`", "    ", "<details>", "&lt;"),
      fc.string({ maxLength: 10 }),
    );
    const body = fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(body, (commentBody) => {
        const parsed = parseCommands(refusal(commentBody), { appSlug: "quantapilot" });
        expect(parsed).toEqual({ commands: [], unknown: [] });
      }),
    );
  });
});

describe("quoteForReply", () => {
  it("escapes HTML and breaks mentions and issue links", () => {
    expect(quoteForReply("<!-- x --> & @bob #12\n\nend")).toBe(
      "> &lt;!-- x --> &amp; @&#8203;bob #&#8203;12\n>\n> end",
    );
  });

  it("keeps a long comment's quote under GitHub's comment limit", () => {
    const quoted = quoteForReply("@<&\n".repeat(20_000));
    expect(quoted.length).toBeLessThan(65_536);
    expect(quoted.endsWith("> … (truncated)")).toBe(true);
    expect(quoteForReply("a".repeat(MAX_QUOTED_LENGTH))).not.toContain("truncated");
  });
});
