const DOC = [
  /\.(md|mdx|markdown|rst|adoc|txt)$/i,
  /(^|\/)docs?\//,
  /(^|\/)(README|CHANGELOG)[^/]*$/i,
];
const CODE =
  /\.(ts|tsx|js|jsx|mjs|cjs|mts|cts|py|go|rs|java|kt|rb|php|cs|c|cc|cpp|h|hpp|swift|scala)$/;
const TEST = [
  /(^|\/)(tests?|__tests__|spec|specs|testdata|fixtures)\//,
  /\.(test|spec)\.[^/]+$/,
  /_test\.(go|py)$/,
  /(^|\/)test_[^/]*\.py$/,
  /(^|\/)conftest\.py$/,
];

/** Whether a path is documentation. */
export function isDocPath(path: string): boolean {
  return DOC.some((re) => re.test(path));
}

/** Whether a path is product code: source, not tests, not docs. */
export function isCodePath(path: string): boolean {
  return CODE.test(path) && !isDocPath(path) && !TEST.some((re) => re.test(path));
}

/**
 * Whether documentation changed along with product code: true when no
 * product code changed (tests and config alone need no docs), else true
 * only if some documentation file changed too.
 */
export function docsChangedWithCode(files: readonly string[]): boolean {
  return !files.some(isCodePath) || files.some(isDocPath);
}
