import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { playIssueWork } from "./life/issue-work.js";
import { labelForImplement } from "./life/label-issue-step.js";
import { type Life, startLife } from "./life/life-bed.js";
import { LIFE_INSTALLATION, LIFE_REPOSITORY } from "./life/webhook-payloads.js";

describe("a whole life, over HTTP against the real server", () => {
  let life: Life;
  beforeAll(async () => {
    life = await startLife();
    await life.db.sql`INSERT INTO installations (id, account_login, account_type)
      VALUES (${LIFE_INSTALLATION.id}, ${LIFE_REPOSITORY.owner.login}, 'Organization')`;
    await life.db
      .sql`INSERT INTO projects (installation_id, repo_id, owner, name, default_branch, status)
      VALUES (${LIFE_INSTALLATION.id}, ${LIFE_REPOSITORY.id}, ${LIFE_REPOSITORY.owner.login}, ${LIFE_REPOSITORY.name}, 'main', 'active')`;
  });
  afterAll(() => life.close());

  it("a labelled issue: implement → test fails the gate → implement with the finding → test passes → review → approval → merge", async () => {
    const issue = life.github.repo.addIssue(
      "Greet by name",
      "`hello <name>` prints `Hello, <name>!`.",
    );
    const { workItemId, branch } = await labelForImplement(life, issue, "labeller", {
      created: true,
    });
    expect(branch).toBe("quantapilot/1-greet-by-name");
    const { afterMerge } = await playIssueWork(life, {
      workItemId,
      issueNumber: issue.number,
      title: "Greet by name",
      branch,
      source: {
        path: "src/hello.ts",
        first: "export const hello = (name: string) => 'Hi ' + name;\n",
        fixed: "export const hello = (name: string) => 'Hello, ' + name + '!';\n",
      },
      test: {
        path: "test/hello.test.ts",
        content: "expect(hello('Ada')).toBe('Hello, Ada!');\n",
        finding: "hello('Ada') returns 'Hi Ada', not 'Hello, Ada!'",
      },
      approver: "reviewer-one",
      approveBy: "review",
    });
    expect(afterMerge).toEqual([]);
  });
});
