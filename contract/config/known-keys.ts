import { z } from "zod";

type Schema = z.core.$ZodType;

// Wrappers that change how a value parses but not which keys it has.
function unwrap(schema: Schema): Schema {
  if (
    schema instanceof z.ZodDefault ||
    schema instanceof z.ZodPrefault ||
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodNullable
  ) {
    return unwrap(schema.unwrap());
  }
  return schema instanceof z.ZodPipe ? unwrap(schema.in) : schema;
}

function childOf(schema: Schema, segment: string | number): Schema | undefined {
  if (schema instanceof z.ZodObject) return schema.shape[segment];
  if (schema instanceof z.ZodArray) return schema.element;
  if (schema instanceof z.ZodRecord) return schema.valueType;
  return undefined;
}

function keysOf(schema: Schema): string[] {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  if (schema instanceof z.ZodUnion) {
    return [...new Set(schema.options.flatMap((option) => keysOf(unwrap(option))))];
  }
  return [];
}

/** The keys `schema` accepts for the object at `path`, for "did you mean" hints. */
export function knownKeys(schema: Schema, path: readonly (string | number)[]): string[] {
  let node: Schema | undefined = unwrap(schema);
  for (const segment of path) {
    const child: Schema | undefined = node && childOf(node, segment);
    node = child && unwrap(child);
  }
  return node ? keysOf(node) : [];
}
