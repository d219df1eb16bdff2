import { Agent, request } from "node:http";

export interface LoadPlan {
  port: number;
  path: string;
  requests: number;
  concurrency: number;
  /** No new request starts after this; a run can never outlive its budget by more than one timeout. */
  budgetMs: number;
  requestFor(index: number): { headers: Record<string, string>; body: string };
}

export interface LoadRun {
  latenciesMs: number[];
  elapsedMs: number;
  /** "200 processed", "200 ok", "error ECONNRESET", …: proves each case took the path it claims. */
  outcomes: Record<string, number>;
}

const REQUEST_TIMEOUT_MS = 10_000;

/** Closed-loop load: `concurrency` clients, each sending its next request when the last is answered. */
export async function runLoad(plan: LoadPlan): Promise<LoadRun> {
  const agent = new Agent({ keepAlive: true, maxSockets: plan.concurrency });
  const run: LoadRun = { latenciesMs: [], elapsedMs: 0, outcomes: {} };
  await Promise.all(Array.from({ length: plan.concurrency }, () => connect(agent, plan.port)));
  const started = performance.now();
  const deadline = started + plan.budgetMs;
  let next = 0;
  const client = async () => {
    while (next < plan.requests && performance.now() < deadline) {
      const index = next++;
      const sent = performance.now();
      const outcome = await post(agent, plan, index);
      run.latenciesMs.push(performance.now() - sent);
      run.outcomes[outcome] = (run.outcomes[outcome] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency }, client));
  run.elapsedMs = performance.now() - started;
  agent.destroy();
  return run;
}

/**
 * Opens one of the clients' sockets before the clock starts, with a GET any
 * server answers (404 is fine). Timed, the first 50 requests of a run would
 * also pay for 50 connections accepted at once: 200 to 360 ms for bare
 * Probot itself, the slowest 8% of every round, so the p99 measured the
 * kernel's accept queue rather than the server.
 */
function connect(agent: Agent, port: number): Promise<void> {
  return new Promise((resolve) => {
    const req = request({ agent, host: "127.0.0.1", port, path: "/", method: "GET" }, (res) => {
      res.resume();
      res.on("end", () => resolve());
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve());
    req.end();
  });
}

/** One POST on a kept-alive socket; resolves to its outcome, never rejects. */
function post(agent: Agent, plan: LoadPlan, index: number): Promise<string> {
  return new Promise((resolve) => {
    const { headers: given, body } = plan.requestFor(index);
    const headers = { ...given, "content-length": Buffer.byteLength(body) };
    const req = request(
      { agent, host: "127.0.0.1", port: plan.port, path: plan.path, method: "POST", headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve(describe(res.statusCode, Buffer.concat(chunks).toString())));
      },
    );
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error("timeout")));
    req.on("error", (error: NodeJS.ErrnoException) =>
      resolve(`error ${error.code ?? error.message}`),
    );
    req.end(body);
  });
}

/** QuantaPilot answers `{ outcome }`; bare Probot answers "ok\n". */
function describe(status: number | undefined, body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    const outcome = (parsed as { outcome?: unknown }).outcome;
    if (typeof outcome === "string") return `${status} ${outcome}`;
  } catch {
    // not JSON: fall through to the raw text
  }
  return `${status} ${body.trim().slice(0, 40)}`;
}
