import { z } from "zod";

// GitHub logins: alphanumerics and single hyphens, at most 39 characters. Bots
// ("name[bot]") never count as approvers, so they are refused here too.
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const TEAM = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\/[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export const approversSchema = z
  .strictObject({
    users: z
      .array(
        z.string().regex(LOGIN, { message: "must be a GitHub user login (bots cannot approve)" }),
      )
      .max(100)
      .default([])
      .describe("GitHub logins allowed to /approve."),
    teams: z
      .array(z.string().regex(TEAM, { message: 'must be "org/team-slug"' }))
      .max(100)
      .default([])
      .describe('Teams allowed to /approve, as "org/team-slug".'),
  })
  .prefault({})
  .describe(
    "Who may approve a gate, on top of the /approve permission. Empty (the default) means anyone with that permission.",
  );
