import type { StageResult } from "../../../contract/stage-result.js";
import { plural } from "./format.js";
import type { ReportOutcome } from "./report-result.js";

/** What the summary needs to say what happens next. */
export interface NextStepInput {
  result: Pick<StageResult, "outcome" | "reason" | "changes" | "stage_run_id">;
  workBranch: string;
  report: ReportOutcome;
}

function afterDelivery({ result, workBranch }: NextStepInput): string {
  switch (result.outcome) {
    case "succeeded":
      return result.changes.length === 0
        ? "QuantaPilot records the outcome; the check run shows what comes next and whether it waits for a person."
        : `QuantaPilot commits ${plural(result.changes.length, "file")} to \`${workBranch}\` and opens or updates the pull request; the check run shows what comes next.`;
    case "no_changes":
      return "Nothing to commit. The check run says whether a person needs to act.";
    case "refused_by_guard":
      return "Nothing will be written: the change set broke the rules listed below. Adjust the task, the config or the repository, then `/retry`.";
    case "failed":
      return "The stage failed for the reason above. Fix what it names, then `/retry` on the issue or pull request.";
  }
}

function afterFailedReport({ report, result }: NextStepInput): string {
  if (report.delivered) return "";
  if (report.status === 422) {
    return "The app refused the result for the reasons above, and its check run says so too; nothing was written. Adjust, then `/retry`.";
  }
  if (report.status === 401 || report.status === 403) {
    return "The app did not accept this job's identity: run stages only from the default branch's `.github/workflows/quantapilot.yml`, with `permissions: id-token: write`, as the app dispatches them.";
  }
  return `The app does not have this result, so stage run ${result.stage_run_id} will be closed as failed when this workflow ends. The result is kept as a workflow artifact; once the app is reachable again, \`/retry\` runs the stage anew.`;
}

/** One or two sentences on what happens now and who must act. */
export function describeNextStep(input: NextStepInput): string {
  return input.report.delivered ? afterDelivery(input) : afterFailedReport(input);
}
