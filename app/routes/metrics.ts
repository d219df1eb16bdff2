import type { Registry } from "prom-client";
import { pathOf, type Route } from "../http/route.js";

export function metricsRoute(registry: Registry): Route {
  return async (req, res) => {
    if (req.method !== "GET" || pathOf(req) !== "/metrics") return false;
    res.writeHead(200, { "content-type": registry.contentType });
    res.end(await registry.metrics());
    return true;
  };
}
