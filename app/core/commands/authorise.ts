import {
  CONFIG_PATH,
  type CommandName,
  isAtLeast,
  type PermissionLevel,
} from "../../../contract/config.js";
import { type CommandPermissions, requiredLevel } from "./required-level.js";

/** Who sent a command, as GitHub describes the sender. */
export type Actor = {
  login: string;
  type: "User" | "Bot" | "Organization";
  /** Whether the sender is this app itself. */
  isApp: boolean;
};

/** The approvers section of the config: logins and "org/team-slug" names. */
export type Approvers = { users: readonly string[]; teams: readonly string[] };

/** What a refusal says the command needs: a role, or being a listed approver. */
export type Requirement = PermissionLevel | "approver";

/** Everything the policy decides on; the permission and teams are looked up beforehand. */
export type AuthoriseInput = {
  command: CommandName;
  actor: Actor;
  actorPermission: PermissionLevel | "none";
  /** The actor's teams among the configured approver teams, as "org/team-slug". */
  actorTeams: readonly string[];
  config: { permissions: CommandPermissions; approvers: Approvers };
};

/** The policy's answer; a refusal carries what `renderRefusal` needs. */
export type Authorisation =
  | { allowed: true }
  | { allowed: false; reason: string; required: Requirement; actual: PermissionLevel | "none" };

// Only people count: a bot or app (including this one) acting on a command
// would let automation approve its own work.
function isPerson({ login, type, isApp }: Actor): boolean {
  return type === "User" && !isApp && !login.toLowerCase().endsWith("[bot]");
}

// Logins and team slugs are case-insensitive on GitHub.
function isApprover(login: string, teams: readonly string[], approvers: Approvers): boolean {
  const has = (list: readonly string[], name: string) =>
    list.some((entry) => entry.toLowerCase() === name.toLowerCase());
  return has(approvers.users, login) || teams.some((team) => has(approvers.teams, team));
}

// When the config lists approvers, /approve is theirs alone; else any writer's.
function lacksApproval({ command, actor, actorTeams, config }: AuthoriseInput): boolean {
  const { users, teams } = config.approvers;
  const listed = users.length + teams.length > 0;
  return command === "approve" && listed && !isApprover(actor.login, actorTeams, config.approvers);
}

/**
 * Decides whether `actor` may run `command`: a person (never a bot or the app)
 * with at least the command's required role; for `/approve`, also a listed
 * approver when the config lists any.
 */
export function authorise(input: AuthoriseInput): Authorisation {
  const { command, actor, actorPermission: actual, config } = input;
  const required = requiredLevel(command, config.permissions);
  const refuse = (reason: string, needs: Requirement = required): Authorisation => ({
    allowed: false,
    reason,
    required: needs,
    actual,
  });
  if (!isPerson(actor)) return refuse(`bots and apps cannot run /${command}; a person must.`);
  if (actual === "none" || !isAtLeast(actual, required)) {
    return refuse(`/${command} needs ${required} access to this repository.`);
  }
  if (lacksApproval(input)) {
    return refuse(`only the approvers listed in \`${CONFIG_PATH}\` may /approve.`, "approver");
  }
  return { allowed: true };
}
