import { z } from "zod";
import type { ToolDefinition } from "../../llm/types.js";

/** What a tool gives back to the model. */
export interface ToolOutput {
  content: string;
  /** The call failed or was refused; the model reads why in `content`. */
  isError?: boolean;
  /** Set by `finish`: the loop stops with this summary. */
  finish?: { summary: string };
}

/** A tool the agent can call: its definition for the model and how to run it. */
export interface AgentTool {
  definition: ToolDefinition;
  /** Never throws for bad arguments: they come back as an error output. */
  execute(args: unknown, signal: AbortSignal): Promise<ToolOutput>;
}

/** How a tool is written: a zod schema for its arguments and a function of the parsed ones. */
export interface ToolSpec<Schema extends z.ZodObject> {
  name: string;
  description: string;
  args: Schema;
  run(args: z.output<Schema>, signal: AbortSignal): Promise<ToolOutput>;
}

/**
 * Makes an {@link AgentTool} from a spec: the JSON Schema the model sees is
 * generated from the zod schema (one source of truth), and arguments are
 * parsed with it before `run` sees them, so a malformed call gets a message
 * naming each wrong field instead of reaching the file system.
 */
export function defineTool<Schema extends z.ZodObject>(spec: ToolSpec<Schema>): AgentTool {
  return {
    definition: {
      name: spec.name,
      description: spec.description,
      inputSchema: toInputSchema(spec.args),
    },
    async execute(args, signal) {
      if (typeof args === "string") {
        return toolError(`The arguments were not valid JSON: ${args.slice(0, 200)}`);
      }
      const parsed = spec.args.safeParse(args ?? {});
      if (!parsed.success) {
        return toolError(`Invalid arguments for ${spec.name}:\n${z.prettifyError(parsed.error)}`);
      }
      return spec.run(parsed.data, signal);
    },
  };
}

/** An error output. */
export function toolError(content: string): ToolOutput {
  return { content, isError: true };
}

// The input side is what the model writes: fields with defaults are optional.
function toInputSchema(schema: z.ZodObject): ToolDefinition["inputSchema"] {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: "input" });
  return { ...json, type: "object" };
}
