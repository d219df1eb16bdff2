import { describe, expect, it } from "vitest";
import { checkRunUrl, githubWebUrl, issueUrl, workflowRunUrl } from "./links.js";

describe("githubWebUrl", () => {
  it.each([
    ["https://api.github.com", "https://github.com"],
    ["https://ghe.example.com/api/v3", "https://ghe.example.com"],
    ["https://api.acme.ghe.com", "https://acme.ghe.com"],
    ["http://localhost:3000/api/v3", "http://localhost:3000"],
  ])("%s → %s", (api, web) => expect(githubWebUrl(api)).toBe(web));
});

describe("page links", () => {
  it("point to the check run, the job log and the issue", () => {
    const at = { web: "https://github.com", owner: "acme", repo: "app" };
    expect(checkRunUrl(at, 5)).toBe("https://github.com/acme/app/runs/5");
    expect(workflowRunUrl(at, 6)).toBe("https://github.com/acme/app/actions/runs/6");
    expect(issueUrl(at, 7)).toBe("https://github.com/acme/app/issues/7");
  });
});
