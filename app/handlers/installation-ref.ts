import { z } from "zod";
import type { InstallationRow } from "../store/installations.js";

/** The installation object of any installation-level payload. */
export const installationRefSchema = z.object({
  id: z.number().int().positive(),
  // Enterprise installations carry a slug instead of a login, and no type.
  account: z.object({
    login: z.string().optional(),
    slug: z.string().optional(),
    type: z.string().optional(),
  }),
});

export function toInstallationRow(
  installation: z.output<typeof installationRefSchema>,
): InstallationRow {
  return {
    id: installation.id,
    accountLogin: installation.account.login ?? installation.account.slug ?? "unknown",
    accountType: installation.account.type ?? "Enterprise",
  };
}
