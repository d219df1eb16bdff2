import { describe, expect, it } from "vitest";
import { type DashboardTick, findNewTicks, tickId } from "./dashboard-ticks.js";

const SHA = "a".repeat(40);
const approve: DashboardTick = { action: "approve", workItemId: 12, sha: SHA };
const retry: DashboardTick = { action: "retry", workItemId: 14, runNumber: 3 };
const box = (tick: DashboardTick, mark = " ", text = "Approve #12") =>
  `- [${mark}] ${text} ${tickId(tick)}`;
const rendered = ["# Dashboard", box(approve), box(retry, " ", "Retry #14"), "tail"].join("\n");

describe("findNewTicks", () => {
  it("round-trips the hidden id of both kinds of box", () => {
    const after = rendered.replaceAll("- [ ]", "- [x]");
    expect(findNewTicks(rendered, after)).toEqual([approve, retry]);
  });

  it.each([
    ["an upper-case X", (b: string) => b.replace("- [ ] Approve", "- [X] Approve")],
    ["a star bullet", (b: string) => b.replace("- [ ] Approve", "* [x] Approve")],
    [
      "CRLF line ends",
      (b: string) => b.replace("- [ ] Approve", "- [x] Approve").replaceAll("\n", "\r\n"),
    ],
    [
      "trailing spaces",
      (b: string) =>
        b.replace(/(- \[ \] Approve.*-->)/, "$1   ").replace("[ ] Approve", "[x] Approve"),
    ],
  ])("reads a tick with %s", (_name, edit) => {
    expect(findNewTicks(rendered, edit(rendered))).toEqual([approve]);
  });

  it.each([
    ["no change", (b: string) => b],
    ["a text edit only", (b: string) => b.replace("tail", "tail edited")],
    [
      "a line pasted in already ticked",
      (b: string) => `${b}\n${box({ ...approve, workItemId: 99 }, "x")}`,
    ],
    [
      "a tick on a forged id with another SHA",
      (b: string) => b.replace(SHA, "b".repeat(40)).replace("[ ] Approve", "[x] Approve"),
    ],
    ["the hidden id removed", (b: string) => b.replace(/- \[ \] Approve.*/, "- [x] Approve #12")],
    [
      "an approve id carrying a run number",
      (b: string) => b.replace(SHA, "7").replace("[ ] Approve", "[x] Approve"),
    ],
    ["a box inside a quote", (b: string) => b.replace("- [ ] Approve", "> - [x] Approve")],
    [
      "an id not at the end of the line",
      (b: string) =>
        b.replace(/(- \[ \] Approve.*-->)/, "$1 and more").replace("[ ] Approve", "[x] Approve"),
    ],
  ])("finds nothing for %s", (_name, edit) => {
    expect(findNewTicks(rendered, edit(rendered))).toEqual([]);
  });

  it("ignores a box that was already ticked before the edit", () => {
    const before = rendered.replace("- [ ] Approve", "- [x] Approve");
    expect(findNewTicks(before, before)).toEqual([]);
  });

  it("counts the same box pasted twice once", () => {
    const after = `${rendered.replace("- [ ] Approve", "- [x] Approve")}\n${box(approve, "x")}`;
    expect(findNewTicks(rendered, after)).toEqual([approve]);
  });

  it("finds nothing in empty or hostile bodies", () => {
    expect(findNewTicks("", "")).toEqual([]);
    const huge = `- [x] ${"<!-- ".repeat(10_000)}`;
    expect(findNewTicks(rendered, huge)).toEqual([]);
    expect(
      findNewTicks(rendered, `- [x] x <!-- quantapilot:tick:approve:${"9".repeat(16)}:${SHA} -->`),
    ).toEqual([]);
  });
});
