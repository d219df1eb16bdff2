import type { RepositoryPermission } from "../auth/get-permission.js";
import type { PermissionCache } from "../auth/permission-cache.js";

/** What handlers share across deliveries: made once at start-up, passed in. */
export interface HandlerDeps {
  /** (repo, user) → permission, asked of GitHub at most once a minute. */
  permissions: PermissionCache<RepositoryPermission>;
  /** (team, user) → active membership, for `approvers.teams`. */
  teams: PermissionCache<boolean>;
  /** The App's slug: `@<slug> approve` addresses it, and its own comments never count. */
  appSlug: string;
}
