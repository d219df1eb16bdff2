import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { STAGE_NAMES, type StageName } from "../../../contract/config.js";
import { addUsd, canAfford, fromMicros, toMicros } from "../budget.js";
import type { PipelineEvent } from "./events.js";
import { stagesFor } from "./flow.js";
import { configWith, FRESH_ITEM, NOW, SHA_A, SHA_B, SHA_C } from "./pipeline-fixtures.js";
import type {
  PipelineConfig,
  PipelineState,
  ProjectState,
  WorkItem,
  WorkItemState,
} from "./state.js";
import { isTerminal } from "./state.js";
import { effectiveBudgetUsd } from "./transition/dispatch-checks.js";
import { type Transition, transition } from "./transition.js";

/** Start states, weighted towards the ones where events mean something. */
const ITEM_STATE_WEIGHTS: ReadonlyArray<readonly [WorkItemState, number]> = [
  ["queued", 3],
  ["running", 5],
  ["awaiting_approval", 3],
  ["merging", 2],
  ["waiting_for_human", 3],
  ["held", 1],
  ["done", 1],
  ["cancelled", 1],
  ["failed", 1],
];
const itemStateArb = fc.oneof(
  ...ITEM_STATE_WEIGHTS.map(([state, weight]) => ({ weight, arbitrary: fc.constant(state) })),
);
const SHAS = [SHA_A, SHA_B, SHA_C];
const dollars = (maxMicros: number) => fc.integer({ min: 0, max: maxMicros }).map(fromMicros);

const configArb: fc.Arbitrary<PipelineConfig> = fc
  .record({
    issue: fc.subarray([...STAGE_NAMES], { minLength: 1 }),
    kickoff: fc.subarray([...STAGE_NAMES], { minLength: 1 }),
    gates: fc.record({
      plan: fc.boolean(),
      implement: fc.boolean(),
      test: fc.boolean(),
      review: fc.boolean(),
      release: fc.boolean(),
    }),
    maxIterations: fc.integer({ min: 1, max: 4 }),
    runMicros: fc.integer({ min: 10_000, max: 20_000_000 }),
    projectMicros: fc.integer({ min: 10_000, max: 100_000_000 }),
    sequential: fc.boolean(),
  })
  .map((c) =>
    configWith({
      stages: { issue: c.issue, kickoff: c.kickoff },
      gates: c.gates,
      max_iterations: c.maxIterations,
      budgets: {
        project: { usd: fromMicros(Math.max(c.projectMicros, c.runMicros)) },
        stage_run: { usd: fromMicros(c.runMicros) },
      },
      milestones: { sequential: c.sequential },
    }),
  );

function itemArb(config: PipelineConfig): fc.Arbitrary<WorkItem> {
  return fc
    .record({
      kind: fc.constantFrom("kickoff", "issue", "release" as const),
      stagePick: fc.nat(),
      anyStage: fc.option(fc.constantFrom(...STAGE_NAMES), { freq: 8 }),
      state: itemStateArb,
      iteration: fc.integer({ min: 0, max: config.max_iterations }),
      held: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, fc.constant(true)),
      headSha: fc.option(fc.constantFrom(...SHAS)),
      approved: fc.boolean(),
      runStatus: fc.constantFrom("queued", "dispatched", "in_progress" as const),
      lastRunId: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5 })),
      milestone: fc.option(
        fc.record({ index: fc.integer({ min: 1, max: 5 }), remaining: fc.nat(3) }),
      ),
    })
    .map((r): WorkItem => {
      const flow = stagesFor(r.kind, config);
      const stage = r.anyStage ?? flow[r.stagePick % flow.length] ?? "implement";
      const running = r.state === "running";
      const lastRunId = running ? Math.max(1, r.lastRunId) : r.lastRunId;
      const headSha = r.state === "merging" ? (r.headSha ?? SHA_A) : r.headSha;
      const approvedSha = r.approved || r.state === "merging" ? headSha : null;
      const usdCap = config.budgets.stage_run.usd;
      const openRun = running
        ? { id: lastRunId, stage, iteration: r.iteration, status: r.runStatus, usdCap }
        : null;
      const milestone = r.kind === "issue" ? r.milestone : null;
      const { kind, state, iteration, held } = r;
      return {
        ...FRESH_ITEM,
        ...{ kind, stage, state, iteration, held, headSha, approvedSha },
        ...{ openRun, lastRunId, milestone },
      };
    });
}

/** A project whose spend, plus what open runs may spend, is within its budget. */
function projectArb(config: PipelineConfig, item: WorkItem): fc.Arbitrary<ProjectState> {
  return fc
    .record({
      status: fc.oneof(
        { weight: 6, arbitrary: fc.constant("active" as const) },
        {
          weight: 1,
          arbitrary: fc.constantFrom("pending", "onboarding", "paused", "removed" as const),
        },
      ),
      suspended: fc.oneof(
        { weight: 12, arbitrary: fc.constant(false) },
        { weight: 1, arbitrary: fc.constant(true) },
      ),
      budgetUsd: fc.option(dollars(200_000_000), { freq: 4 }),
      reservedShare: fc.double({ min: 0, max: 0.5, noNaN: true }),
      spentShare: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
    })
    .map((r) => {
      const budget =
        r.budgetUsd === null
          ? config.budgets.project.usd
          : Math.min(r.budgetUsd, config.budgets.project.usd);
      const budgetMicros = toMicros(budget);
      const reserved = Math.floor(budgetMicros * r.reservedShare);
      const openCap = item.openRun === null ? 0 : toMicros(item.openRun.usdCap);
      const room = Math.max(0, budgetMicros - reserved - openCap);
      return {
        status: r.status,
        suspended: r.suspended,
        budgetUsd: r.budgetUsd,
        reservedUsd: fromMicros(reserved),
        spentUsd: fromMicros(Math.floor(room * r.spentShare)),
      };
    });
}

function eventArb(config: PipelineConfig): fc.Arbitrary<PipelineEvent> {
  const runId = fc.integer({ min: 0, max: 8 });
  const usd = dollars(toMicros(config.budgets.stage_run.usd));
  const sha = fc.constantFrom(...SHAS);
  const stage = fc.constantFrom(...STAGE_NAMES);
  const findings = fc.array(fc.record({ summary: fc.string({ maxLength: 20 }) }), { maxLength: 2 });
  const by = { now: fc.constant(NOW), actor: fc.constantFrom("octocat", "hubot") };
  const at = { now: fc.constant(NOW) };
  const steady = fc.oneof(
    fc.record({ type: fc.constant("start"), ...at, stage }, { requiredKeys: ["type", "now"] }),
    fc.record({ type: fc.constant("run_started"), ...at, runId }),
    fc.record(
      {
        type: fc.constant("result_accepted"),
        ...at,
        runId,
        outcome: fc.constantFrom("succeeded", "failed", "no_changes" as const),
        usd,
        headSha: sha,
        gatePassed: fc.boolean(),
        reviewVerdict: fc.constantFrom("approve", "request_changes" as const),
        findings,
      },
      { requiredKeys: ["type", "now", "runId", "outcome", "usd", "findings"] },
    ),
    fc.record({
      type: fc.constant("result_refused"),
      ...at,
      runId,
      reason: fc.constant("secret"),
      usd,
    }),
    fc.record({
      type: fc.constant("run_lost"),
      ...at,
      runId,
      reason: fc.constant("lost"),
      timedOut: fc.boolean(),
    }),
    fc.record(
      {
        type: fc.constant("approve"),
        ...by,
        sha: fc.oneof(
          sha,
          sha.map((s) => s.slice(0, 7)),
        ),
      },
      { requiredKeys: ["type", "now", "actor"] },
    ),
    fc.record({ type: fc.constant("unapprove"), ...by }),
    fc.record({ type: fc.constant("reject"), ...by, feedback: fc.constantFrom("", "fix it") }),
    fc.record(
      { type: fc.constant("retry"), ...by, stage },
      { requiredKeys: ["type", "now", "actor"] },
    ),
    fc.record({ type: fc.constant("hold"), ...by }),
    fc.record({ type: fc.constant("unhold"), ...by }),
    fc.record({ type: fc.constant("resume"), ...at }),
    fc.record({ type: fc.constant("head_pushed"), ...at, sha, treeUnchanged: fc.boolean() }),
    fc.record({
      type: fc.constant("merge_blocked"),
      ...at,
      expectedHeadSha: sha,
      reason: fc.constant("checks"),
    }),
  );
  // Events that end the work item are rarer, so that sequences live long enough to matter.
  const ending = fc.oneof(
    fc.record({ type: fc.constant("cancel"), ...by }),
    fc.record({ type: fc.constant("merged"), ...at, sha }),
  );
  return fc.oneof({ weight: 30, arbitrary: steady }, { weight: 1, arbitrary: ending });
}

/** What happens to the project between events, outside this work item's transitions. */
type ProjectChange = Pick<ProjectState, "status" | "suspended" | "reservedUsd">;

const projectChangeArb: fc.Arbitrary<ProjectChange> = fc.record({
  status: fc.constantFrom("active", "active", "active", "paused" as const),
  suspended: fc.constantFrom(false, false, false, true),
  reservedUsd: dollars(10_000_000),
});

/** An event, `aimed` (most of the time) at the current open run, head or approval. */
type Step = { event: PipelineEvent; aimed: boolean } | { project: ProjectChange };

const stepArb = (config: PipelineConfig): fc.Arbitrary<Step> =>
  fc.oneof(
    {
      weight: 12,
      arbitrary: fc.record({
        event: eventArb(config),
        aimed: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, fc.constant(false)),
      }),
    },
    { weight: 1, arbitrary: projectChangeArb.map((project) => ({ project })) },
  );

/** Points an event at the current run or SHA, so that more events are meaningful. */
function aim(event: PipelineEvent, state: PipelineState): PipelineEvent {
  const { item } = state;
  const runId = item.openRun?.id ?? item.lastRunId;
  const head = item.headSha ?? SHA_A;
  switch (event.type) {
    case "run_started":
    case "result_accepted":
    case "result_refused":
    case "run_lost":
      return { ...event, runId };
    case "approve":
      return { ...event, sha: head };
    case "merge_blocked":
      return { ...event, expectedHeadSha: item.approvedSha ?? head };
    default:
      return event;
  }
}

const scenarioArb = configArb.chain((config) =>
  itemArb(config).chain((item) =>
    fc.record({
      state: projectArb(config, item).map((project): PipelineState => ({ project, item, config })),
      steps: fc.array(stepArb(config), { maxLength: 60, size: "medium" }),
    }),
  ),
);

/** The invariants every transition keeps, checked against the state before it. */
function checkTransition(before: PipelineState, event: PipelineEvent, out: Transition): void {
  const { item, project, config } = out.state;
  if (isTerminal(before.item.state)) expect(out.rejected).toBeDefined();
  if (out.rejected !== undefined) {
    expect(out.rejected.length).toBeGreaterThan(0);
    expect(out.state).toBe(before);
    expect(out.effects).toEqual([]);
    return;
  }
  expect(out.effects.slice(-2)).toEqual([
    { type: "update_status_comment" },
    { type: "update_dashboard" },
  ]);
  expect(item.openRun !== null).toBe(item.state === "running");
  expect([null, item.headSha]).toContain(item.approvedSha);
  if (item.state === "merging") expect(item.approvedSha).not.toBeNull();
  expect(item.iteration).toBeLessThanOrEqual(config.max_iterations);
  expect(item.lastRunId).toBeGreaterThanOrEqual(before.item.lastRunId);
  expect(toMicros(item.spentUsd)).toBeGreaterThanOrEqual(toMicros(before.item.spentUsd));
  const overrun = toMicros(project.spentUsd) - toMicros(effectiveBudgetUsd(out.state));
  expect(overrun).toBeLessThanOrEqual(toMicros(config.budgets.stage_run.usd));
  checkDispatch(before, event, out);
  checkMerge(before, out);
}

/** At most one dispatch, only from an allowed state, and never while another run is open. */
function checkDispatch(before: PipelineState, event: PipelineEvent, out: Transition): void {
  const dispatches = out.effects.flatMap((e, i) => (e.type === "dispatch_stage" ? [{ e, i }] : []));
  expect(dispatches.length).toBeLessThanOrEqual(1);
  const first = dispatches[0];
  if (first === undefined) return;
  const { e: dispatch, i: at } = first;
  if (event.type !== "unhold") expect(before.item.held).toBe(false);
  expect(out.state.item.held).toBe(false);
  expect(before.item.state).not.toBe("merging");
  expect(out.state.project).toMatchObject({ status: "active", suspended: false });
  const { spentUsd, reservedUsd } = out.state.project;
  expect(
    canAfford(addUsd(spentUsd, reservedUsd), dispatch.usdCap, effectiveBudgetUsd(out.state)),
  ).toBe(true);
  expect(dispatch.runId).toBe(before.item.lastRunId + 1);
  expect(out.state.item.openRun?.id).toBe(dispatch.runId);
  expect(out.effects[at - 1]).toMatchObject({ type: "create_check_run", runId: dispatch.runId });
  const open = before.item.openRun;
  if (open === null) return;
  const closedByEvent = "runId" in event && event.runId === open.id;
  const cancelled = out.effects
    .slice(0, at)
    .some((e) => e.type === "cancel_workflow_run" && e.runId === open.id);
  expect(closedByEvent || cancelled).toBe(true);
}

/** A merge is asked only at the approved head, and never for a held item. */
function checkMerge(before: PipelineState, out: Transition): void {
  const merge = out.effects.find((e) => e.type === "merge_pr");
  if (merge === undefined) return;
  const { item } = out.state;
  expect(item.state).toBe("merging");
  expect(merge.expectedHeadSha).toBe(item.headSha);
  expect(item.approvedSha).toBe(item.headSha);
  if (before.item.state !== "merging") expect(before.item.held && item.held).toBe(false);
}

function run(state: PipelineState, steps: readonly Step[]): void {
  let current = state;
  for (const step of steps) {
    if ("project" in step) {
      current = { ...current, project: { ...current.project, ...step.project } };
      continue;
    }
    const event = step.aimed ? aim(step.event, current) : step.event;
    const out = transition(current, event);
    checkTransition(current, event, out);
    current = out.state;
  }
}

describe("transition invariants", () => {
  it("hold over random event sequences from random states", { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(scenarioArb, ({ state, steps }) => run(state, steps)),
      { numRuns: 1_500 },
    );
  });

  it("are deterministic and never mutate their input", () => {
    fc.assert(
      fc.property(scenarioArb, ({ state, steps }) => {
        const first = steps.find((s) => "event" in s);
        if (first === undefined || !("event" in first)) return;
        const event = aim(first.event, state);
        const copy = structuredClone(state);
        const out = transition(state, event);
        expect(state).toEqual(copy);
        expect(transition(copy, event)).toEqual(out);
      }),
    );
  });
});

/** Plays the part of GitHub and the runner: each run reports, each gate is approved. */
function cooperate(state: PipelineState, verdict: () => boolean): PipelineEvent | null {
  const { item } = state;
  const run = item.openRun;
  if (run !== null) {
    const pass = verdict();
    return {
      type: "result_accepted",
      now: NOW,
      runId: run.id,
      outcome: "succeeded",
      usd: 0.01,
      headSha: pass ? SHA_B : SHA_C,
      gatePassed: pass,
      reviewVerdict: pass ? "approve" : "request_changes",
      findings: pass ? [] : [{ summary: "not yet" }],
    };
  }
  if (item.state === "awaiting_approval") return { type: "approve", now: NOW, actor: "octocat" };
  if (item.state === "merging") return { type: "merged", now: NOW, sha: SHA_A };
  return null;
}

describe("a cooperative life", () => {
  it("always ends, done or with a person, within (max_iterations + 1) rounds of each stage", () => {
    fc.assert(
      fc.property(
        configArb,
        fc.constantFrom("kickoff", "issue" as const),
        fc.infiniteStream(fc.boolean()),
        (config, kind, verdicts) => {
          const flow: readonly StageName[] = stagesFor(kind, config);
          const generous = {
            ...config,
            budgets: { ...config.budgets, project: { usd: 1_000_000 } },
          };
          const first = flow[0] ?? "plan";
          let state: PipelineState = {
            project: {
              status: "active",
              budgetUsd: null,
              spentUsd: 0,
              reservedUsd: 0,
              suspended: false,
            },
            item: { ...FRESH_ITEM, kind, stage: first },
            config: generous,
          };
          state = transition(state, { type: "start", now: NOW }).state;
          const bound = (config.max_iterations + 1) * flow.length * 3 + 3;
          const verdict = () => verdicts.next().value as boolean;
          for (let i = 0; i < bound; i++) {
            const event = cooperate(state, verdict);
            if (event === null) break;
            state = transition(state, event).state;
          }
          expect(["done", "waiting_for_human"]).toContain(state.item.state);
          expect(state.item.lastRunId).toBeLessThanOrEqual(
            (config.max_iterations + 1) * flow.length,
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
