import type { Redactor } from "../../agent/redactor.js";
import { type AgentToolsOptions, createAgentTools } from "../../agent/tools/create-agent-tools.js";
import type { AgentTool } from "../../agent/tools/define-tool.js";
import type { StageDefinition, StageSession } from "../stage-definition.js";

/**
 * The agent's toolbox for a stage: the shared tools the stage allows, in
 * their fixed order, with a stage tool of the same name (the reviewer's
 * `finish`) in its place, and the other stage tools after them.
 */
export function selectStageTools(
  definition: StageDefinition,
  session: StageSession,
  shared: Omit<AgentToolsOptions, "only"> & { redactor: Redactor },
): AgentTool[] {
  const own = new Map(session.tools.map((tool) => [tool.definition.name, tool]));
  const base = createAgentTools({ ...shared, only: definition.tools }).map(
    (tool) => own.get(tool.definition.name) ?? tool,
  );
  const used = new Set(base.map((tool) => tool.definition.name));
  return [...base, ...session.tools.filter((tool) => !used.has(tool.definition.name))];
}
