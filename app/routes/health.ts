import type { Sql } from "postgres";
import { pathOf, type Route, sendJson } from "../http/route.js";
import { appliedVersion } from "../store/migrate.js";

// A load balancer's probe gives up after a few seconds; answer before it does.
const READINESS_TIMEOUT_MS = 2000;

export interface ReadinessDeps {
  sql: Sql;
  expectedVersion: number;
  configured: boolean;
}

/**
 * `/healthz`: the process answers. `/readyz`: it can do its work. `/ping`:
 * Probot's own probe ("PONG"), which monitors set up for Probot apps expect.
 */
export function healthRoute(deps: ReadinessDeps): Route {
  return async (req, res) => {
    const path = pathOf(req);
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    if (path === "/ping") {
      res.writeHead(200, { "content-type": "text/plain" }).end("PONG");
      return true;
    }
    if (path === "/healthz") {
      sendJson(res, 200, { status: "ok" });
      return true;
    }
    if (path !== "/readyz") return false;
    const problems = await readinessProblems(deps);
    sendJson(res, problems.length ? 503 : 200, {
      status: problems.length ? "unready" : "ready",
      problems,
    });
    return true;
  };
}

async function readinessProblems({
  sql,
  expectedVersion,
  configured,
}: ReadinessDeps): Promise<string[]> {
  const problems: string[] = [];
  try {
    const version = await withTimeout(appliedVersion(sql), READINESS_TIMEOUT_MS);
    if (version !== expectedVersion) {
      problems.push(`database is at migration ${version}, this build needs ${expectedVersion}`);
    }
  } catch (error) {
    problems.push(`database unreachable: ${(error as Error).message}`);
  }
  if (!configured) problems.push("GitHub App not configured: open the setup page");
  return problems;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
