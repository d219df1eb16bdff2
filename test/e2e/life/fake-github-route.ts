/** The path's capture groups (at most two per route). */
export type Groups = [string, string];

/** What a simulated endpoint answers: a status and a JSON body. */
export type Reply = [number, unknown];

/**
 * One endpoint of the simulated GitHub: the method, the path below
 * `/repos/{owner}/{repo}` (decoded), and the answer from the path's groups,
 * the query and the parsed JSON body.
 */
export type Route = [
  method: string,
  path: RegExp,
  // biome-ignore lint/suspicious/noExplicitAny: each route reads the body GitHub's description gives it
  answer: (groups: Groups, query: URLSearchParams, body: any) => Reply,
];
