import { expect, it } from "vitest";
import { createPermissionCache } from "../auth/permission-cache.js";
import { createHandlers, handlesEvent } from "./registry.js";

const cache = () => createPermissionCache<never>({ ttlMs: 1, maxEntries: 1, now: Date.now });
const handlers = createHandlers({ permissions: cache(), teams: cache(), appSlug: "quantapilot" });

it.each([
  ["installation", "created", true],
  ["installation", "suspend", true],
  ["installation_repositories", "removed", true],
  ["repository", "renamed", true],
  ["repository", "archived", false],
  ["star", "created", false],
  ["issues", "labeled", true],
  ["issues", "opened", false],
  ["issues", "edited", true],
  ["issues", "closed", true],
  ["issues", "reopened", true],
  ["issue_comment", "created", true],
  ["issue_comment", "edited", false],
  ["issue_comment", "created", true],
  ["issue_comment", "edited", false],
  ["check_suite", "completed", true],
  ["check_suite", "requested", false],
  ["pull_request", "closed", true],
  ["installation", undefined, false],
])("handles %s.%s: %s", (event, action, expected) => {
  expect(handlesEvent(handlers, event, action)).toBe(expected);
});
