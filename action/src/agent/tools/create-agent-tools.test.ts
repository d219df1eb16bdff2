import { afterAll, describe, expect, it } from "vitest";
import { createRedactor } from "../redactor.js";
import { createTempRepo } from "../testing/create-temp-repo.js";
import { createWorkspaceGuard } from "../workspace-guard.js";
import { createAgentTools, TOOL_NAMES } from "./create-agent-tools.js";

describe("createAgentTools", () => {
  const repo = createTempRepo();
  const options = {
    guard: createWorkspaceGuard({ root: repo.root, protectedPaths: [] }),
    redactor: createRedactor({}),
    allowedCommands: ["npm test"],
    env: {},
  };
  afterAll(() => repo.remove());

  it("gives every tool in a fixed order, each with an object schema", () => {
    const tools = createAgentTools(options);
    expect(tools.map((tool) => tool.definition.name)).toEqual([...TOOL_NAMES]);
    for (const { definition } of tools) expect(definition.inputSchema.type).toBe("object");
  });

  it("leaves tools out on request, but always keeps finish", () => {
    const names = createAgentTools({ ...options, only: ["read_file", "search"] }).map(
      (t) => t.definition.name,
    );
    expect(names).toEqual(["read_file", "search", "finish"]);
  });
});
