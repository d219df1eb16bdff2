import type { LifeDelivery } from "../test/reliability/life/life-delivery.js";
import type { ApprovalScenario } from "./api-economy-life.js";

/**
 * One delivery of the life and the REST calls the app made because of it;
 * without a delivery, the dashboard's redraw at the end of a burst.
 */
export interface EconomyStep {
  delivery?: LifeDelivery;
  kind: string;
  status: number;
  calls: string[];
}

export interface TransitionCost {
  deliveries: number;
  restCalls: number;
  perDelivery: number;
  /** `METHOD /route` → calls, over all deliveries of this kind. */
  byRoute: Record<string, number>;
}

export interface ApiEconomy {
  /** The work item's state at the end: `done` when the life reached its merge. */
  finalState: string;
  life: { deliveries: number; restCalls: number; answers: Record<string, number> };
  /** Per transition kind, in the order the life first met it. */
  transitions: Record<string, TransitionCost>;
  /** Every delivery of the life sent again, with its id. */
  duplicates: { deliveries: number; restCalls: number; byRoute: Record<string, number> };
  /** Requests GitHub's OpenAPI description refused; must be empty. */
  problems: string[];
  /** The approval transition by path, each measured in a life of its own. */
  approvalPaths?: ApprovalPathCost[];
}

/** One approval path: what the approving delivery cost, and the whole life around it. */
export interface ApprovalPathCost {
  path: string;
  deleteBranchOnMerge: boolean;
  approvals: number;
  /** REST calls per approving delivery (its merge, and what the merge queued, included). */
  perApproval: number;
  byRoute: Record<string, number>;
  lifeRestCalls: number;
  duplicateRestCalls: number;
  finalState: string;
  problems: number;
}

/** The approval row of one scenario's life. */
export function summarizeApprovalPath(
  scenario: ApprovalScenario,
  economy: ApiEconomy,
): ApprovalPathCost {
  const path = scenario.byReview ? "approval (review)" : "approval (/approve comment)";
  const cost = economy.transitions[path];
  return {
    path,
    deleteBranchOnMerge: scenario.deleteBranchOnMerge,
    approvals: cost?.deliveries ?? 0,
    perApproval: cost?.perDelivery ?? 0,
    byRoute: cost?.byRoute ?? {},
    lifeRestCalls: economy.life.restCalls,
    duplicateRestCalls: economy.duplicates.restCalls,
    finalState: economy.finalState,
    problems: economy.problems.length,
  };
}

export function summarizeEconomy(
  steps: EconomyStep[],
  redelivered: EconomyStep[],
  finalState: string,
  problems: string[],
): ApiEconomy {
  const transitions: Record<string, TransitionCost> = {};
  const answers: Record<string, number> = {};
  for (const step of steps) {
    const cost = transitions[step.kind] ?? {
      deliveries: 0,
      restCalls: 0,
      perDelivery: 0,
      byRoute: {},
    };
    cost.deliveries++;
    cost.restCalls += step.calls.length;
    cost.perDelivery = Math.round((cost.restCalls / cost.deliveries) * 10) / 10;
    tally(cost.byRoute, step.calls);
    transitions[step.kind] = cost;
    if (step.delivery) tally(answers, [`${step.delivery.kind} ${step.status}`]);
  }
  const duplicateRoutes: Record<string, number> = {};
  for (const step of redelivered) tally(duplicateRoutes, step.calls);
  return {
    finalState,
    life: { deliveries: delivered(steps), restCalls: count(steps), answers },
    transitions,
    duplicates: {
      deliveries: delivered(redelivered),
      restCalls: count(redelivered),
      byRoute: duplicateRoutes,
    },
    problems: [...problems],
  };
}

function delivered(steps: EconomyStep[]): number {
  return steps.filter((step) => step.delivery !== undefined).length;
}

function count(steps: EconomyStep[]): number {
  return steps.reduce((sum, step) => sum + step.calls.length, 0);
}

function tally(into: Record<string, number>, keys: string[]): void {
  for (const key of keys) into[key] = (into[key] ?? 0) + 1;
}

/** The human-readable part of the bench's report. */
export function formatEconomy(economy: ApiEconomy): string[] {
  const rows = Object.entries(economy.transitions).map(
    ([kind, cost]) =>
      `  ${kind.padEnd(32)} ${String(cost.deliveries).padStart(3)} x ${String(cost.perDelivery).padStart(4)}  ` +
      routes(cost.byRoute),
  );
  const paths = (economy.approvalPaths ?? []).map(
    (p) =>
      `  ${p.path.padEnd(28)} ${(p.deleteBranchOnMerge ? "auto-delete on" : "auto-delete off").padEnd(16)}` +
      ` ${String(p.perApproval).padStart(4)} per approval (${routes(p.byRoute)}); life ${p.lifeRestCalls},` +
      ` duplicates ${p.duplicateRestCalls}, ends ${p.finalState}` +
      (p.problems ? `, ${p.problems} OpenAPI problems` : ""),
  );
  return [
    "GitHub API economy: REST calls per delivery of one issue's life, label to merge",
    ...rows,
    `  whole life: ${economy.life.restCalls} REST calls over ${economy.life.deliveries} deliveries, ends ${economy.finalState}`,
    `  every delivery sent again: ${economy.duplicates.restCalls} REST calls over ${economy.duplicates.deliveries} deliveries`,
    economy.problems.length
      ? `  OpenAPI problems: ${economy.problems.join("; ")}`
      : "  OpenAPI problems: none",
    ...(paths.length
      ? ["GitHub API economy: the approval transition by path (a life each; target <= 4)", ...paths]
      : []),
  ];
}

function routes(byRoute: Record<string, number>): string {
  return Object.entries(byRoute)
    .map(([route, n]) => `${route}${n > 1 ? ` x${n}` : ""}`)
    .join(", ");
}
