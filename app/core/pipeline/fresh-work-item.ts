import type { StageName } from "../../../contract/config.js";
import type { WorkItem } from "./state.js";

/**
 * An issue's work item before its first event: queued at `stage`, never run,
 * nothing spent. The columns' defaults in `work_items` say the same, so an
 * item can be decided on before it is stored and then inserted as it ends up.
 */
export function freshIssueWorkItem(id: number, stage: StageName): WorkItem {
  return {
    id,
    kind: "issue",
    stage,
    state: "queued",
    iteration: 0,
    held: false,
    headSha: null,
    approvedSha: null,
    openRun: null,
    lastRunId: 0,
    spentUsd: 0,
    findings: [],
    feedback: [],
    milestone: null,
  };
}
