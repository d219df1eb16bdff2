import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { buildCommitMessage, MAX_SUBJECT } from "./commit-message.js";

const issue = {
  kind: "issue" as const,
  number: 12,
  title: "Add a login page",
  url: "https://github.com/acme/shop/issues/12",
};

describe("buildCommitMessage", () => {
  it("writes subject, summary, work item and the trailers, exactly", () => {
    const message = buildCommitMessage({
      stage: "implement",
      stageRunId: 42,
      workItem: issue,
      summary: "Adds /login with a form.\n\nTests cover bad passwords.\n",
    });
    expect(message).toBe(
      [
        "implement: Add a login page (#12)",
        "",
        "Adds /login with a form.",
        "",
        "Tests cover bad passwords.",
        "",
        "Work item: https://github.com/acme/shop/issues/12",
        "",
        "QuantaPilot-Stage: implement",
        "QuantaPilot-Stage-Run: 42",
        "",
      ].join("\n"),
    );
  });

  it("git reads the trailers", () => {
    const message = buildCommitMessage({
      stage: "plan",
      stageRunId: 7,
      workItem: issue,
      summary: "Plan.\nKey: value",
    });
    const trailers = execFileSync("git", ["interpret-trailers", "--parse"], {
      input: message,
      encoding: "utf8",
    });
    expect(trailers).toBe("QuantaPilot-Stage: plan\nQuantaPilot-Stage-Run: 7\n");
  });

  it("cuts a long title on a word, keeps the issue number, and stays within 72", () => {
    const title = `${"Refactor the checkout flow so that ".repeat(4)}it works`;
    const subject =
      buildCommitMessage({
        stage: "implement",
        stageRunId: 1,
        workItem: { ...issue, title },
        summary: "",
      }).split("\n")[0] ?? "";
    expect(subject.length).toBeLessThanOrEqual(MAX_SUBJECT);
    expect(subject).toMatch(/^implement: Refactor the checkout flow .*\S… \(#12\)$/);
  });

  it("puts a hostile title on one line and drops control characters", () => {
    const workItem = {
      kind: "kickoff" as const,
      title: "Shop\r\nQuantaPilot-Stage: release\u0007",
      url: "https://github.com/acme/shop",
    };
    const message = buildCommitMessage({ stage: "plan", stageRunId: 3, workItem, summary: "" });
    expect(message.split("\n")[0]).toBe("plan: Shop QuantaPilot-Stage: release");
    expect(message.split("\n\n")).toHaveLength(3);
  });

  it("neutralises closing keywords and mentions in the summary", () => {
    const message = buildCommitMessage({
      stage: "implement",
      stageRunId: 1,
      workItem: issue,
      summary: "Fixes #1, thanks @octocat",
    });
    expect(message).not.toMatch(/Fixes #1/);
    expect(message).not.toMatch(/@octocat/);
    expect(message.replace(/\u2060/g, "")).toContain("Fixes #1, thanks @octocat");
  });

  it("keeps a huge summary inside the result's 20,000 characters", () => {
    const message = buildCommitMessage({
      stage: "implement",
      stageRunId: 1,
      workItem: issue,
      summary: "x".repeat(50_000),
    });
    expect(message.length).toBeLessThanOrEqual(20_000);
    expect(message).toContain("[summary cut]");
    expect(message.endsWith("QuantaPilot-Stage-Run: 1\n")).toBe(true);
  });
});
