import { describe, expect, it } from "vitest";
import { configSchema } from "../../../contract/config.js";
import { type HelpContext, renderHelp } from "./help.js";
import { parseCommands } from "./parse.js";

const DEFAULTS = configSchema.parse({});
const base = { permissions: DEFAULTS.permissions, approvers: DEFAULTS.approvers };
const rows = (markdown: string) => markdown.split("\n").filter((line) => line.startsWith("| `"));

describe("renderHelp", () => {
  it("lists every command on an open pull request, with who may use it", () => {
    const help = renderHelp({ ...base, where: "pull_request", itemState: "open" });
    expect(rows(help)).toHaveLength(8);
    expect(help).toContain("| `/approve [<sha>\\|cancel]` |");
    expect(help).toContain("| People with `write` access or higher |");
    expect(help).toMatch(/\| `\/status` \| .* \| People with `read` access or higher \|/);
  });

  it("offers no SHA on an issue, which has no head commit", () => {
    const help = renderHelp({ ...base, where: "issue" });
    expect(help).toContain("| `/approve [cancel]` |");
  });

  it.each(["closed", "none"] as const)(
    "lists only reporting commands when the item is %s",
    (itemState) => {
      const help = renderHelp({ ...base, where: "issue", itemState });
      expect(rows(help).map((row) => row.split("`")[1])).toEqual(["/status", "/budget", "/help"]);
    },
  );

  it("shows raised minimums and the approvers, without notifying them", () => {
    const config = configSchema.parse({
      permissions: { approve: "maintain", cancel: "admin" },
      approvers: { users: ["alice"], teams: ["acme/leads"] },
    });
    const context: HelpContext = { where: "pull_request", ...config };
    const help = renderHelp(context);
    expect(help).toContain(
      "People with `maintain` access or higher who are approvers: `alice`, team `acme/leads`",
    );
    expect(help).toMatch(/\| `\/cancel` \| .* \| Admins \|/);
    expect(help).not.toContain("@alice");
  });

  it("says that edited comments do not re-run commands", () => {
    expect(renderHelp({ ...base, where: "issue" })).toContain(
      "**Editing a comment does not re-run its commands**",
    );
  });

  it("names the @ form when it knows the app's slug", () => {
    expect(renderHelp({ ...base, where: "issue", appSlug: "quantapilot" })).toContain(
      "`@quantapilot status`",
    );
  });

  it("contains no command itself", () => {
    const help = renderHelp({ ...base, where: "pull_request", appSlug: "quantapilot" });
    expect(parseCommands(help, { appSlug: "quantapilot" })).toEqual({ commands: [], unknown: [] });
  });
});
