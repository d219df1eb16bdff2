import { isTeamMember, type TeamLookup } from "./is-team-member.js";

/**
 * The configured approver `teams` ("org/team-slug") that `username` actively
 * belongs to: `authorise`'s `actorTeams`. Skip the call when the user is
 * listed by login, or the config lists no teams, to save the requests.
 */
export async function getApproverTeams(
  lookup: TeamLookup,
  { teams, username }: { teams: readonly string[]; username: string },
): Promise<string[]> {
  const memberships = await Promise.all(
    teams.map((team) => isTeamMember(lookup, { team, username })),
  );
  return teams.filter((_, i) => memberships[i] === true);
}
