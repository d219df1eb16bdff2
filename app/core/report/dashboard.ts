import { remainingUsd } from "../budget.js";
import { shortSha } from "../pipeline/transition/describe-next.js";
import { tickId } from "./dashboard-ticks.js";
import {
  type DashboardDecision,
  type DashboardItem,
  type DashboardView,
  type PendingBox,
  pendingBoxes,
} from "./dashboard-view.js";
import { escapeInline, formatTime, formatUsd } from "./format.js";
import { checkRunUrl, issueUrl } from "./links.js";
import { truncateComment } from "./truncate.js";

/** The hidden first line by which the app finds its dashboard issue again. */
export const DASHBOARD_MARKER = "<!-- quantapilot:dashboard -->";

/** The dashboard issue's title. */
export const DASHBOARD_TITLE = "QuantaPilot dashboard";

function itemLink(view: DashboardView, item: Pick<DashboardItem, "number">): string {
  return item.number === null
    ? "(no issue yet)"
    : `[#${item.number}](${issueUrl(view.at, item.number)})`;
}

function boxLine(view: DashboardView, { tick, item }: PendingBox): string {
  const what = escapeInline(item.title, 120);
  const verb =
    tick.action === "approve"
      ? `Approve ${itemLink(view, item)} ${what}: ${item.stage} at \`${shortSha(tick.sha)}\``
      : `Retry ${itemLink(view, item)} ${what}: ${item.stage}, after run ${tick.runNumber}`;
  const held = item.held ? " (on hold: it moves on after /hold cancel)" : "";
  return `- [ ] ${verb}${held} ${tickId(tick)}`;
}

function itemRow(view: DashboardView, item: DashboardItem): string {
  const state = item.state.replaceAll("_", " ") + (item.held ? " (on hold)" : "");
  const run = item.checkRun;
  const check =
    run === null ? "—" : `[QuantaPilot / ${run.stage}](${checkRunUrl(view.at, run.id)})`;
  const title = escapeInline(item.title, 80);
  return `| ${itemLink(view, item)} ${title} | ${item.kind} | ${item.stage} | ${state} | ${item.iteration} | ${formatUsd(item.spentUsd)} | ${check} |`;
}

function decisionLine(view: DashboardView, d: DashboardDecision): string {
  const args = d.args === "" ? "" : ` ${escapeInline(d.args, 80)}`;
  const at = d.sha === null ? "" : ` at \`${shortSha(d.sha)}\``;
  const where = d.url === null ? d.source : `[${d.source}](${d.url})`;
  // A login in a code span mentions nobody: every edit of the dashboard would ping them again.
  return `- \`@${d.actor}\` /${d.command}${args}${at} on ${itemLink(view, d)} (${where}, ${formatTime(d.at)})`;
}

function spendLine(view: DashboardView): string {
  const { spentUsd, budgetUsd } = view;
  const share =
    budgetUsd > 0 ? ` (${Math.min(100, Math.round((spentUsd / budgetUsd) * 100))}%)` : "";
  return `${formatUsd(spentUsd)} of ${formatUsd(budgetUsd)}${share} · ${formatUsd(remainingUsd(spentUsd, budgetUsd))} left`;
}

function sections(view: DashboardView): string[] {
  const boxes = pendingBoxes(view.items);
  const items = view.items;
  return [
    "### Waiting for a person",
    "",
    ...(boxes.length === 0
      ? ["Nothing waits for a person."]
      : boxes.map((box) => boxLine(view, box))),
    "",
    "### Spend",
    "",
    spendLine(view),
    "",
    "### Work items",
    "",
    ...(items.length === 0
      ? ["No work items yet: label an issue `quantapilot:implement` to start one."]
      : [
          "| Item | Kind | Stage | State | Rework | Spent | Check run |",
          "|---|---|---|---|--:|--:|---|",
          ...items.map((item) => itemRow(view, item)),
        ]),
    "",
    "### Recent decisions",
    "",
    ...(view.decisions.length === 0
      ? ["None yet."]
      : view.decisions.map((d) => decisionLine(view, d))),
  ];
}

/**
 * The body of the project's dashboard issue: what waits for a person (as
 * boxes to tick), spend against the budget, every open work item with its
 * stage and check run, and the latest decisions. Never above GitHub's
 * 65,536 characters: a longer one is cut with a link to the repository's issues.
 */
export function renderDashboard(view: DashboardView): string {
  const body = [
    DASHBOARD_MARKER,
    "Kept current by QuantaPilot. Tick a box to approve or retry: it runs the same check as the",
    "command, under your name. Other edits here are overwritten.",
    "",
    ...sections(view),
    "",
    "<sub>Commands work on each work item's issue or PR: comment /help there.</sub>",
  ].join("\n");
  const issues = `${view.at.web}/${view.at.owner}/${view.at.repo}/issues`;
  return truncateComment(body, { label: "the repository's issues", url: issues });
}
