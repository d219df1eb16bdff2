import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { type ApiEconomy, formatEconomy } from "./api-economy-report.js";
import type { PostgresInfo } from "./postgres-info.js";
import type { LatencySummary } from "./stats.js";
import { roundTrips, type WireCounts } from "./wire-counter.js";

export interface CaseResult extends LatencySummary {
  id: string;
  label: string;
  outcomes: Record<string, number>;
  /** This case's req/s over bare Probot's, over all rounds. */
  ratioToBaseline: number;
  /** The same ratio round by round: its spread is the machine's noise. */
  roundRatios: number[];
  /** Each round's own p99: one slow round (a checkpoint, a neighbour) shows apart from the rest. */
  roundP99Ms: number[];
  /**
   * CPU per delivery in this process (client and server together) and in
   * Postgres; `machineBusy` is the share of all cores used while the case ran.
   */
  cpu: { nodeUs: number; postgresUs: number; machineBusy: number };
}

export interface RoundTripsPerDelivery {
  deliveries: number;
  roundTrips: number;
  statements: number;
  commits: number;
  byStatement: Record<string, number>;
}

export interface BenchResults {
  generatedAt: string;
  environment: {
    cpus: number;
    cpuModel: string;
    node: string;
    /** 1-minute load average: other work on the machine skews absolute figures, less so ratios. */
    loadAverage: { before: number; after: number };
    postgres: PostgresInfo;
  };
  load: {
    warmup: number;
    rounds: number;
    requestsPerRound: number;
    concurrency: number;
    processWarmup: number;
    databasePoolSize: number;
  };
  cases: CaseResult[];
  roundTrips: Record<string, RoundTripsPerDelivery>;
  /** GitHub calls the ingest server made during the timed cases, answered 404 locally. */
  ingestGitHubCalls: Record<string, number>;
  apiEconomy: ApiEconomy;
}

/** Wire counts over `deliveries`, divided down to one delivery. */
export function perDelivery(counts: WireCounts, deliveries: number): RoundTripsPerDelivery {
  const per = (n: number) => Math.round((n / deliveries) * 100) / 100;
  const statements = (counts.messages.Q ?? 0) + (counts.messages.B ?? 0);
  return {
    deliveries,
    roundTrips: per(roundTrips(counts)),
    statements: per(statements),
    commits: per(counts.statements.commit ?? 0),
    byStatement: Object.fromEntries(
      Object.entries(counts.statements)
        .filter(([, n]) => n > 0)
        .map(([kind, n]) => [kind, per(n)]),
    ),
  };
}

export async function writeResults(path: string, results: BenchResults): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${formatJson(results)}\n`);
}

const LINE_WIDTH = 100; // biome.json's: the committed file must pass `npm run lint` as written

/**
 * JSON laid out as Biome formats it: like JSON.stringify's, except that an
 * array of plain values which fits on one line is written on one line.
 */
function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /^( *)(.*)\[\n([^[\]{}]*?)\n *\]/gm,
    (expanded, indent: string, key: string, items: string) => {
      const line = `${indent}${key}[${items
        .split("\n")
        .map((item) => item.trim())
        .join(" ")}]`;
      return line.length <= LINE_WIDTH ? line : expanded;
    },
  );
}

export function formatReport(results: BenchResults): string {
  const { load, environment } = results;
  const pg = environment.postgres;
  return [
    `Webhook ingest: ${load.rounds} interleaved rounds of ${load.requestsPerRound} deliveries per case ` +
      `after ${load.warmup} warm-up, concurrency ${load.concurrency}, pool ${load.databasePoolSize}`,
    `${environment.cpus} CPUs (load average ${environment.loadAverage.before.toFixed(1)} → ` +
      `${environment.loadAverage.after.toFixed(1)}), ` +
      `Node ${environment.node}, PostgreSQL ${pg.version} (fsync=${pg.fsync}, synchronous_commit=${pg.synchronousCommit})`,
    "",
    ...formatCases(results.cases),
    "",
    ...formatRoundTrips(results.roundTrips),
    "",
    ...formatEconomy(results.apiEconomy),
  ].join("\n");
}

function formatCases(cases: CaseResult[]): string[] {
  const header = [
    ...["case", "done", "req/s", "p50 ms", "p99 ms", "p99 per round"],
    ...["vs bare Probot", "per round"],
    ...["node µs", "pg µs", "cores busy"],
  ];
  const rows = cases.map((c) => [
    c.label,
    String(c.completed),
    c.perSecond.toFixed(0),
    c.p50Ms.toFixed(2),
    c.p99Ms.toFixed(2),
    `${Math.min(...c.roundP99Ms).toFixed(0)}–${Math.max(...c.roundP99Ms).toFixed(0)}`,
    `${c.ratioToBaseline.toFixed(2)}x`,
    `${Math.min(...c.roundRatios).toFixed(2)}–${Math.max(...c.roundRatios).toFixed(2)}x`,
    String(c.cpu.nodeUs),
    String(c.cpu.postgresUs),
    `${Math.round(c.cpu.machineBusy * 100)}%`,
  ]);
  const outcomes = cases.map((c) => `  ${c.label}: ${JSON.stringify(c.outcomes)}`);
  const legend =
    "node µs / pg µs: CPU per delivery in this process (load client + server) and in Postgres.";
  return [...table([header, ...rows]), legend, "", "Answers:", ...outcomes];
}

function formatRoundTrips(perCase: Record<string, RoundTripsPerDelivery>): string[] {
  const lines = ["SQL per delivery (counted on the wire, separate pass):"];
  for (const [name, r] of Object.entries(perCase)) {
    lines.push(
      `  ${name}: ${r.roundTrips} round trips (socket writes), ${r.statements} statements, ${r.commits} commits ` +
        `over ${r.deliveries} deliveries — ${JSON.stringify(r.byStatement)}`,
    );
  }
  return lines;
}

/** Left-aligned first column, right-aligned figures. */
function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((row) => row[col]?.length ?? 0)));
  const line = (row: string[]) =>
    row
      .map((cell, col) =>
        col === 0 ? cell.padEnd(widths?.[col] ?? 0) : cell.padStart(widths?.[col] ?? 0),
      )
      .join("  ");
  const rule = (widths ?? []).map((w) => "-".repeat(w)).join("  ");
  return [line(rows[0] ?? []), rule, ...rows.slice(1).map(line)];
}
