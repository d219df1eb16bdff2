import type { StageName } from "../../../contract/config.js";
import { remainingUsd } from "../budget.js";
import type { PipelineState, WorkItem } from "../pipeline/state.js";
import { describeNext, shortSha } from "../pipeline/transition/describe-next.js";
import { effectiveBudgetUsd } from "../pipeline/transition/dispatch-checks.js";
import { escapeInline, formatTime, formatUsd } from "./format.js";

/** One stage run, as the status comment lists it (newest first). */
export interface StatusRun {
  runNumber: number;
  stage: StageName;
  status: string;
  usdSpent: number;
  checkRunUrl: string | null;
}

/** One accepted decision from the log (newest first). */
export interface StatusDecision {
  actor: string;
  command: string;
  args: string;
  sha: string | null;
  source: string;
  at: string;
  url: string | null;
}

export interface StatusView {
  state: PipelineState;
  title: string;
  runs: readonly StatusRun[];
  decisions: readonly StatusDecision[];
}

/** The hidden line by which the status comment of a work item is found again. */
export function statusCommentMarker(workItemId: number): string {
  return `<!-- quantapilot:status:${workItemId} -->`;
}

function stateCell(item: WorkItem): string {
  const state = item.state.replaceAll("_", " ");
  return item.held ? `${state} (on hold)` : state;
}

function spendCell(state: PipelineState): string {
  const budget = effectiveBudgetUsd(state);
  const { spentUsd } = state.project;
  return (
    `${formatUsd(state.item.spentUsd)} on this item · project ${formatUsd(spentUsd)} of ` +
    `${formatUsd(budget)} (${formatUsd(remainingUsd(spentUsd, budget))} left)`
  );
}

function runRow(run: StatusRun): string {
  const check = run.checkRunUrl === null ? "—" : `[QuantaPilot / ${run.stage}](${run.checkRunUrl})`;
  const status = run.status.replaceAll("_", " ");
  return `| ${run.runNumber} | ${run.stage} | ${status} | ${check} | ${formatUsd(run.usdSpent)} |`;
}

// Approvals are bound to a SHA: say whether each still holds, so nobody trusts a void one.
function approvalNote(sha: string | null, item: WorkItem): string {
  if (sha === null) return "";
  const same = (other: string | null) =>
    other !== null && (other.startsWith(sha) || sha.startsWith(other));
  if (same(item.approvedSha)) return " — in force";
  if (item.headSha !== null && !same(item.headSha))
    return ` — void: the head moved to \`${shortSha(item.headSha)}\``;
  return "";
}

function decisionLine(d: StatusDecision, item: WorkItem): string {
  const args = d.args === "" ? "" : ` ${escapeInline(d.args, 80)}`;
  const at = d.sha === null ? "" : ` at \`${shortSha(d.sha)}\``;
  const where = d.url === null ? d.source : `[${d.source}](${d.url})`;
  const note = d.command === "approve" && d.args !== "cancel" ? approvalNote(d.sha, item) : "";
  // In a code span a login mentions nobody: edits of this comment must not ping people.
  return `- \`@${d.actor}\` /${d.command}${args}${at} (${where}, ${formatTime(d.at)})${note}`;
}

function tableRows(state: PipelineState): string[] {
  const { item, config } = state;
  const approved = item.approvedSha === null ? "not yet" : `\`${shortSha(item.approvedSha)}\``;
  return [
    "| | |",
    "|---|---|",
    `| Stage | ${item.stage} |`,
    `| State | ${stateCell(item)} |`,
    `| Rework rounds | ${item.iteration} of at most ${config.max_iterations} |`,
    `| Head | \`${shortSha(item.headSha)}\` · approved: ${approved} |`,
    `| Spend | ${spendCell(state)} |`,
  ];
}

function listSections(view: StatusView): string[] {
  const runs =
    view.runs.length === 0
      ? []
      : [
          "",
          "**Runs**",
          "",
          "| # | Stage | Status | Check run | Cost |",
          "|--:|---|---|---|--:|",
          ...view.runs.map(runRow),
        ];
  const decisions =
    view.decisions.length === 0
      ? []
      : ["", "**Decisions**", "", ...view.decisions.map((d) => decisionLine(d, view.state.item))];
  return [...runs, ...decisions];
}

/**
 * The one status comment of a work item, edited in place: where it stands,
 * who must act next, its runs with their check runs, who approved which SHA
 * and whether that still holds, and spend against the budget.
 */
export function renderStatusComment(view: StatusView): string {
  const { state } = view;
  return [
    statusCommentMarker(state.item.id),
    `### QuantaPilot: ${escapeInline(view.title, 200)}`,
    "",
    `**Next:** ${describeNext(state)}`,
    "",
    ...tableRows(state),
    ...listSections(view),
    "",
    "<sub>QuantaPilot keeps this comment up to date. Comment /help for the commands.</sub>",
  ].join("\n");
}
