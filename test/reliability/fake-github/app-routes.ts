import { FakeError, type FakeRoute, ok } from "./fake-route.js";
import { paged } from "./issue-routes.js";

/** The App's own endpoints: installation tokens and its webhook deliveries. */
export const appRoutes: FakeRoute[] = [
  {
    method: "POST",
    path: "/app/installations/:id/access_tokens",
    handle: () => ok({ token: "ghs_fake", expires_at: "2099-01-01T00:00:00Z" }, 201),
  },
  {
    method: "POST",
    path: "/graphql",
    // Only the mutations the app sends: pinning its dashboard issue (GitHub keeps one pin per
    // issue), and unpinning a duplicate another worker's dashboard beat.
    handle: (world, req) => {
      const query = String(req.body.query ?? "");
      const mutation = /[{ ](pinIssue|unpinIssue)\s*\(/.exec(query)?.[1];
      if (!mutation) throw new FakeError(400, `unsupported GraphQL: ${query}`);
      const issueId = String((req.body.variables as { issueId?: unknown } | undefined)?.issueId);
      const kind = mutation === "pinIssue" ? "pin" : "unpin";
      if (!world.ledger.keys(kind).includes(issueId)) world.ledger.record(kind, issueId);
      const number = Number(issueId.split("_")[2]);
      return ok({ data: { [mutation]: { issue: { number } } } });
    },
  },
  {
    method: "GET",
    path: "/app/hook/deliveries",
    // Newest first, as GitHub lists them.
    handle: (world, req) => paged([...world.hookDeliveries].reverse(), req),
  },
  {
    method: "POST",
    path: "/app/hook/deliveries/:id/attempts",
    handle: (world, req) => {
      const found = world.hookDeliveries.find((d) => d.id === Number(req.params.id));
      if (!found) throw new FakeError(404, "Not Found");
      world.ledger.record("redelivery_request", `${found.guid} ${world.now()}`);
      world.events.push({ type: "redelivery_requested", deliveryId: found.guid });
      return ok({}, 202);
    },
  },
];
