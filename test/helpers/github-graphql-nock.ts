import nock from "nock";

/** A GraphQL call the code under test sent to GitHub. */
export interface GraphqlCall {
  query: string;
  variables: Record<string, unknown>;
}

/** What `nockIssueMutation` returns: the calls seen and the problems found in them. */
export interface PinIssueNock {
  calls(): GraphqlCall[];
  /** Fails the test if a call was malformed or the mock was never called. */
  expectDone(): void;
}

/** The issue mutations the app sends (GitHub pins and unpins issues through GraphQL only). */
export type IssueMutation = "pinIssue" | "unpinIssue";

// GitHub's schema: `pinIssue(input: PinIssueInput!)`, `unpinIssue(input: UnpinIssueInput!)`,
// both inputs `issueId: ID!` (a node id).
function problemsIn(body: unknown, mutation: IssueMutation, nodeId: string): string[] {
  if (typeof body !== "object" || body === null) return ["the body is not a JSON object"];
  const { query, variables } = body as { query?: unknown; variables?: unknown };
  if (typeof query !== "string") return ["`query` is not a string"];
  const problems: string[] = [];
  const compact = query.replace(/\s+/g, " ");
  if (!/^mutation\s*\(\s*\$issueId\s*:\s*ID!\s*\)/.test(compact.trim())) {
    problems.push(`the mutation must declare exactly $issueId: ID!, got: ${compact}`);
  }
  const call = new RegExp(
    `[{ ]${mutation}\\s*\\(\\s*input\\s*:\\s*\\{\\s*issueId\\s*:\\s*\\$issueId\\s*\\}\\s*\\)`,
  );
  if (!call.test(compact)) {
    problems.push(
      `the mutation must call ${mutation}(input: { issueId: $issueId }), got: ${compact}`,
    );
  }
  const vars = (variables ?? {}) as Record<string, unknown>;
  if (Object.keys(vars).join() !== "issueId")
    problems.push(`unexpected variables ${Object.keys(vars)}`);
  if (vars.issueId !== nodeId) problems.push(`issueId is ${String(vars.issueId)}, not ${nodeId}`);
  return problems;
}

/**
 * GitHub's GraphQL endpoint for one `pinIssue` mutation of `nodeId`. The
 * REST description `createGitHubNock` validates against has no `/graphql`,
 * so this plain nock checks the mutation's shape and variables itself.
 * `fail` answers with GitHub's GraphQL error shape (e.g. three issues
 * are already pinned) instead of success.
 */
export function nockPinIssue(
  nodeId: string,
  options: { fail?: boolean; baseUrl?: string } = {},
): PinIssueNock {
  return nockIssueMutation("pinIssue", nodeId, options);
}

/**
 * GitHub's GraphQL endpoint for one `mutation` of `nodeId`, as `nockPinIssue`;
 * `onCall` runs before the answer (e.g. another worker acting meanwhile).
 */
export function nockIssueMutation(
  mutation: IssueMutation,
  nodeId: string,
  {
    fail = false,
    baseUrl = "https://api.github.com",
    onCall = async () => {},
  }: { fail?: boolean; baseUrl?: string; onCall?: () => Promise<unknown> } = {},
): PinIssueNock {
  const calls: GraphqlCall[] = [];
  const problems: string[] = [];
  const scope = nock(baseUrl)
    .post("/graphql")
    .reply(async (_uri, body) => {
      calls.push(body as GraphqlCall);
      const found = problemsIn(body, mutation, nodeId);
      problems.push(...found);
      if (found.length > 0) return [400, { message: found.join("; ") }];
      await onCall();
      if (fail) {
        const message = "Repository already has 3 pinned issues";
        return [200, { data: { [mutation]: null }, errors: [{ type: "UNPROCESSABLE", message }] }];
      }
      return [200, { data: { [mutation]: { issue: { number: 1 } } } }];
    });
  return {
    calls: () => [...calls],
    expectDone() {
      if (problems.length > 0) throw new Error(`${mutation} problems:\n- ${problems.join("\n- ")}`);
      if (!scope.isDone()) throw new Error(`${mutation} was never called`);
    },
  };
}
