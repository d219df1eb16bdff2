import type { IncomingMessage } from "node:http";
import type { Logger } from "pino";
import type { Sql } from "postgres";
import { BodyTooLargeError, readBody } from "../http/read-body.js";
import { pathOf, type Route, sendJson } from "../http/route.js";
import { type Step, stop } from "../results/answer.js";
import {
  authenticateResult,
  bearerToken,
  type ResultAuthDeps,
} from "../results/authenticate-result.js";
import { describeClosedRun, intakeResult } from "../results/intake-result.js";
import { parseResultBody } from "../results/parse-result-body.js";
import { findRunForResult } from "../store/stage-runs.js";

/**
 * The largest result body read. The default limits.result.max_total_bytes
 * (5 MB) base64-encoded is under 7 MB; 10 MB leaves room for the rest.
 */
export const RESULT_BODY_LIMIT = 10 * 1024 * 1024;

const RESULT_PATH = /^\/api\/stage-runs\/([1-9]\d{0,14})\/result$/;

export interface StageResultRouteDeps extends ResultAuthDeps {
  sql: Sql;
  log: Logger;
  bodyLimit?: number;
  /** The clock events are stamped with. */
  now?: () => Date;
}

async function readResultBody(req: IncomingMessage, limit: number): Promise<Step<string>> {
  try {
    return { ok: true, value: await readBody(req, limit) };
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    // Close the connection: reading the rest of a body we refuse is wasted work.
    return stop(413, `${error.message}.`, {}, { connection: "close" });
  }
}

const NO_TOKEN = "A bearer token is required: the stage job's GitHub OIDC token.";

// Cheap refusals first: nobody gets a body read, or a token checked, for free.
async function receive(deps: StageResultRouteDeps, req: IncomingMessage, id: number, log: Logger) {
  const token = bearerToken(req.headers.authorization);
  if (token === undefined) return stop(401, NO_TOKEN, {}, { "www-authenticate": "Bearer" }).answer;
  const run = await findRunForResult(deps.sql, id);
  if (run === undefined) return stop(404, `No stage run ${id}.`).answer;
  const auth = await authenticateResult(deps, run, token);
  if (!auth.ok) return auth.answer;
  const closed = describeClosedRun(run);
  if (closed !== undefined) return closed;
  const body = await readResultBody(req, deps.bodyLimit ?? RESULT_BODY_LIMIT);
  if (!body.ok) return body.answer;
  const parsed = parseResultBody(body.value, id);
  if (!parsed.ok) return parsed.answer;
  const now = (deps.now?.() ?? new Date()).toISOString();
  const workflowRunId = Number(auth.value.run_id);
  log.info({ workflowRunId, outcome: parsed.value.outcome }, "Stage result received");
  return intakeResult(deps.sql, id, parsed.value, workflowRunId, now);
}

/**
 * `POST /api/stage-runs/{id}/result`: where the action reports a stage run.
 * The bearer is the job's OIDC token; the result is verified, stored and
 * checked before the answer (202 accepted, 422 refused); a duplicate, a late
 * or a foreign result gets 4xx and changes nothing. It never writes to GitHub:
 * an accepted result is written by the outbox.
 */
export function stageResultRoute(deps: StageResultRouteDeps): Route {
  return async (req, res) => {
    const match = RESULT_PATH.exec(pathOf(req));
    if (match === null) return false;
    const id = Number(match[1]);
    const log = deps.log.child({ stageRunId: id });
    const answer =
      req.method === "POST"
        ? await receive(deps, req, id, log)
        : stop(405, "Results are POSTed.", {}, { allow: "POST" }).answer;
    if (answer.status >= 400)
      log.warn({ status: answer.status, ...answer.body }, "Stage result refused");
    sendJson(res, answer.status, answer.body, answer.headers);
    return true;
  };
}
