import { type Document, isAlias, isMap, isNode, isScalar, isSeq, type LineCounter } from "yaml";
import type { ConfigPath, Position } from "./config-error.js";

type Found = { node: unknown; offset: number | undefined };

function childOf(doc: Document, parent: unknown, segment: string | number): Found | undefined {
  const node = isAlias(parent) ? parent.resolve(doc) : parent;
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
    return pair && { node: pair.value, offset: isNode(pair.key) ? pair.key.range?.[0] : undefined };
  }
  if (isSeq(node) && typeof segment === "number") {
    const item: unknown = node.items[segment];
    return item === undefined
      ? undefined
      : { node: item, offset: isNode(item) ? item.range?.[0] : undefined };
  }
  return undefined;
}

/**
 * Where the key at `path` is written, or its nearest ancestor that is: a
 * missing key is reported at the mapping that should hold it.
 */
export function locateYamlPath(
  doc: Document,
  lines: LineCounter,
  path: ConfigPath,
): Position | undefined {
  let node: unknown = doc.contents;
  let offset = doc.contents?.range?.[0];
  for (const segment of path) {
    const found = childOf(doc, node, segment);
    if (found === undefined) break;
    node = found.node;
    offset = found.offset ?? offset;
  }
  if (offset === undefined) return undefined;
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}
