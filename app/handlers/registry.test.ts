import { expect, it } from "vitest";
import { createPermissionCache } from "../auth/permission-cache.js";
import { createHandlers, handlesEvent } from "./registry.js";

const handlers = createHandlers({
  permissions: createPermissionCache({ ttlMs: 1, maxEntries: 1, now: Date.now }),
});

it.each([
  ["installation", "created", true],
  ["installation", "suspend", true],
  ["installation_repositories", "removed", true],
  ["repository", "renamed", true],
  ["repository", "archived", false],
  ["star", "created", false],
  ["issues", "labeled", true],
  ["issues", "opened", false],
  ["installation", undefined, false],
])("handles %s.%s: %s", (event, action, expected) => {
  expect(handlesEvent(handlers, event, action)).toBe(expected);
});
