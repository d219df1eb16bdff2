/** A path template that matched a request path, with its decoded parameters. */
export interface PathMatch {
  template: string;
  params: Record<string, string>;
}

interface CompiledTemplate {
  template: string;
  pattern: RegExp;
  names: string[];
  /** Per segment: 0 literal, 1 template, 2 rest-of-path; lower is more specific. */
  rank: number[];
}

// GitHub routes these trailing parameters as "the rest of the path", so a raw
// `git/refs/heads/quantapilot/1-x` is one `{ref}`. Octokit sends `%2F` instead,
// which needs no special case; other clients and hand-written mocks do not.
const REST_OF_PATH = new Set(["ref", "path", "basehead"]);

/**
 * Builds a matcher from OpenAPI path templates. It returns every template a
 * request path fits, most specific first: at the first segment where two
 * templates differ, a literal beats `{param}`, which beats rest-of-path.
 */
export function createPathMatcher(templates: string[]): (path: string) => PathMatch[] {
  const compiled = templates.map(compileTemplate);
  return (path) =>
    compiled
      .flatMap((candidate) => matchTemplate(candidate, path))
      .sort((a, b) => compareRanks(a.rank, b.rank))
      .map(({ template, params }) => ({ template, params }));
}

function compileTemplate(template: string): CompiledTemplate {
  const names: string[] = [];
  const segments = template.split("/");
  const rank = segments.map((segment, index) => {
    const restOfPath = index === segments.length - 1 && REST_OF_PATH.has(paramName(segment));
    if (!segment.includes("{")) return 0;
    return restOfPath ? 2 : 1;
  });
  const source = segments
    .map((segment, index) =>
      segment.replace(/\{(\w+)\}|[^{}]+/g, (part, name?: string) => {
        if (name === undefined) return part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
        names.push(name);
        return rank[index] === 2 ? "(.+)" : "([^/]+?)";
      }),
    )
    .join("/");
  return { template, pattern: new RegExp(`^${source}$`), names, rank };
}

function paramName(segment: string): string {
  return /^\{(\w+)\}$/.exec(segment)?.[1] ?? "";
}

function matchTemplate(
  candidate: CompiledTemplate,
  path: string,
): (PathMatch & { rank: number[] })[] {
  const found = candidate.pattern.exec(path);
  if (!found) return [];
  const params = Object.fromEntries(
    candidate.names.map((name, index) => [name, decodeSegment(found[index + 1] ?? "")]),
  );
  return [{ template: candidate.template, params, rank: candidate.rank }];
}

// A malformed escape is the caller's bug to see, not a crash inside the matcher.
function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function compareRanks(a: number[], b: number[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}
