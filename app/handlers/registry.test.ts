import { expect, it } from "vitest";
import { handlers, handlesEvent } from "./registry.js";

it.each([
  ["installation", "created", true],
  ["installation", "suspend", true],
  ["installation_repositories", "removed", true],
  ["repository", "renamed", true],
  ["repository", "archived", false],
  ["star", "created", false],
  ["installation", undefined, false],
])("handles %s.%s: %s", (event, action, expected) => {
  expect(handlesEvent(handlers, event, action)).toBe(expected);
});
