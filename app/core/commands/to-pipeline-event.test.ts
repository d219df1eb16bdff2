import { expect, it } from "vitest";
import { parseCommands } from "./parse.js";
import { toPipelineEvent } from "./to-pipeline-event.js";

const now = "2026-11-24T10:00:00.000Z";
const first = (body: string) => {
  const [command] = parseCommands(body, { appSlug: "quantapilot" }).commands;
  if (!command) throw new Error(`no command in ${body}`);
  return toPipelineEvent(command, "octocat", now);
};

it.each([
  ["/approve", { kind: "event", event: { type: "approve", actor: "octocat", now } }],
  [
    "/approve 0123abc",
    { kind: "event", event: { type: "approve", actor: "octocat", now, sha: "0123abc" } },
  ],
  ["/approve cancel", { kind: "event", event: { type: "unapprove", actor: "octocat", now } }],
  [
    "/reject needs tests",
    { kind: "event", event: { type: "reject", actor: "octocat", now, feedback: "needs tests" } },
  ],
  ["/retry", { kind: "event", event: { type: "retry", actor: "octocat", now } }],
  [
    "/retry test",
    { kind: "event", event: { type: "retry", actor: "octocat", now, stage: "test" } },
  ],
  ["/hold", { kind: "event", event: { type: "hold", actor: "octocat", now } }],
  ["/hold cancel", { kind: "event", event: { type: "unhold", actor: "octocat", now } }],
  ["/cancel", { kind: "event", event: { type: "cancel", actor: "octocat", now } }],
  ["/status", { kind: "report", report: "status" }],
  ["/budget", { kind: "report", report: "budget" }],
  ["@quantapilot help", { kind: "report", report: "help" }],
])("%s", (body, expected) => {
  expect(first(body)).toEqual(expected);
});
