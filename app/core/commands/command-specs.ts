import type { CommandName } from "../../../contract/config.js";

/** How a command is written and what it does, shared by `/help` and argument errors. */
export type CommandSpec = {
  /** Usage on a pull request. */
  usage: string;
  /** Usage on an issue, where there is no head commit to bind an approval to. */
  issueUsage?: string;
  summary: string;
  /** Whether the command only reports; the others change a work item's state. */
  readOnly: boolean;
};

/** Every command, in the order `/help` lists them. */
export const COMMAND_SPECS: Readonly<Record<CommandName, CommandSpec>> = Object.freeze({
  approve: {
    usage: "/approve [<sha>|cancel]",
    issueUsage: "/approve [cancel]",
    summary:
      "Approve the stage waiting at a gate, bound to the PR's head commit (or the 7–40 hex digit SHA you name); `cancel` withdraws your approval.",
    readOnly: false,
  },
  reject: {
    usage: "/reject <reason>",
    summary:
      "Send the work back to implement. The reason is the rest of the line and the lines below it, up to the next command.",
    readOnly: false,
  },
  retry: {
    usage: "/retry [plan|implement|test|review|release]",
    summary: "Start a new run of the current stage, or of the stage you name.",
    readOnly: false,
  },
  hold: {
    usage: "/hold [cancel]",
    summary: "Stop every automatic step until `/hold cancel`.",
    readOnly: false,
  },
  cancel: {
    usage: "/cancel",
    summary: "Cancel the work item and its running workflow run.",
    readOnly: false,
  },
  status: {
    usage: "/status",
    summary: "Point to the status comment: stage, approvals, spend and who acts next.",
    readOnly: true,
  },
  budget: { usage: "/budget", summary: "Show spend against the budget.", readOnly: true },
  help: { usage: "/help", summary: "Show this list.", readOnly: true },
});
