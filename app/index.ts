import type { ApplicationFunction } from "probot";
import type { Handler } from "./handlers/define-handler.js";
import type { DeliveryScopes } from "./ingest/delivery-scope.js";

/** The Probot app: registers every handler, nothing else. */
export function quantapilot(registry: Handler[], scopes: DeliveryScopes): ApplicationFunction {
  return (app) => {
    for (const handler of registry) handler.register(app, scopes);
  };
}
