import { describe, expect, it } from "vitest";
import {
  COMMAND_NAMES,
  type CommandName,
  configSchema,
  type PermissionLevel,
} from "../../../contract/config.js";
import { type Actor, type AuthoriseInput, authorise } from "./authorise.js";

const LEVELS = ["none", "read", "triage", "write", "maintain", "admin"] as const;
type Level = (typeof LEVELS)[number];
const RANK: Record<Level, number> = {
  none: 0,
  read: 1,
  triage: 2,
  write: 3,
  maintain: 4,
  admin: 5,
};
// Stated here rather than read from the code under test.
const LEAST: Record<CommandName, Level> = {
  approve: "write",
  reject: "write",
  retry: "write",
  hold: "write",
  cancel: "write",
  status: "read",
  budget: "read",
  help: "read",
};

const ACTORS: Record<string, Actor> = {
  person: { login: "alice", type: "User", isApp: false },
  "Bot account": { login: "renovate", type: "Bot", isApp: false },
  "[bot] login": { login: "dependabot[bot]", type: "User", isApp: false },
  "the app": { login: "quantapilot", type: "User", isApp: true },
  organisation: { login: "acme", type: "Organization", isApp: false },
};
const APPROVERS = {
  "no approvers": { users: [], teams: [] },
  "listed by login": { users: ["ALICE"], teams: [] },
  "listed by team": { users: [], teams: ["Acme/Leads"] },
  "others listed": { users: ["bob"], teams: ["acme/other"] },
};
type ApproverCase = keyof typeof APPROVERS;

function input(command: CommandName, actor: Actor, level: Level, approvers: ApproverCase) {
  const config = configSchema.parse({ approvers: APPROVERS[approvers] });
  return { command, actor, actorPermission: level, actorTeams: ["acme/leads"], config };
}

const TABLE = COMMAND_NAMES.flatMap((command) =>
  LEVELS.flatMap((level) =>
    Object.keys(ACTORS).flatMap((actor) =>
      (Object.keys(APPROVERS) as ApproverCase[]).map((approvers) => {
        const approved = command !== "approve" || approvers !== "others listed";
        const allowed = actor === "person" && RANK[level] >= RANK[LEAST[command]] && approved;
        return [command, level, actor, approvers, allowed] as const;
      }),
    ),
  ),
);

describe("authorise", () => {
  it.each(TABLE)("/%s by %s (%s, %s) → %s", (command, level, actor, approvers, allowed) => {
    const actorOf = ACTORS[actor] as Actor;
    expect(authorise(input(command, actorOf, level, approvers)).allowed).toBe(allowed);
  });

  it("names the level required and the level held", () => {
    const result = authorise(input("retry", ACTORS.person as Actor, "triage", "no approvers"));
    expect(result).toEqual({
      allowed: false,
      reason: "/retry needs write access to this repository.",
      required: "write",
      actual: "triage",
    });
  });

  it("refuses a writer who is not an approver, as not an approver", () => {
    const result = authorise(input("approve", ACTORS.person as Actor, "admin", "others listed"));
    expect(result).toMatchObject({ allowed: false, required: "approver", actual: "admin" });
  });

  it("refuses bots whatever their permission", () => {
    const result = authorise(
      input("status", ACTORS["[bot] login"] as Actor, "admin", "no approvers"),
    );
    expect(result).toMatchObject({
      allowed: false,
      reason: "bots and apps cannot run /status; a person must.",
    });
  });

  it("applies a minimum the config raised", () => {
    const config = configSchema.parse({ permissions: { retry: "maintain" } });
    const base = {
      command: "retry",
      actor: ACTORS.person as Actor,
      actorTeams: [],
      config,
    } as const;
    expect(authorise({ ...base, actorPermission: "write" })).toMatchObject({
      allowed: false,
      required: "maintain",
    });
    expect(authorise({ ...base, actorPermission: "maintain" })).toEqual({ allowed: true });
  });

  it("never goes below the built-in minimum, even if handed a lowered config", () => {
    const config = configSchema.parse({});
    const lowered = {
      ...config,
      permissions: { ...config.permissions, approve: "read" as PermissionLevel },
    };
    const request: AuthoriseInput = {
      command: "approve",
      actor: ACTORS.person as Actor,
      actorPermission: "read",
      actorTeams: [],
      config: lowered,
    };
    expect(authorise(request)).toMatchObject({ allowed: false, required: "write" });
  });
});
