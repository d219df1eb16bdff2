// The runner sends its OIDC token to this URL, so plain http is allowed only
// where the token cannot leave the machine: a local app in development and tests.
function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/**
 * Why `text` cannot be a result URL, or undefined when it can: https, or http
 * to a loopback host; no user name or password; and the path of the result
 * route of this very stage run, so a spec cannot send one run's result (and
 * its token) to another run's endpoint.
 */
export function describeResultUrlProblem(text: string, stageRunId: number): string | undefined {
  if (!URL.canParse(text)) return "must be an absolute URL";
  const url = new URL(text);
  if (url.username !== "" || url.password !== "") return "must not carry a user name or password";
  const secure =
    url.protocol === "https:" || (url.protocol === "http:" && isLoopback(url.hostname));
  if (!secure) return "must be https (plain http only for localhost, 127.0.0.1 or [::1])";
  const route = `/api/stage-runs/${stageRunId}/result`;
  if (!url.pathname.endsWith(route)) return `must end with ${route}`;
  if (url.search !== "" || url.hash !== "") return "must not have a query or fragment";
  return undefined;
}
