/** A template used variables it was not given. */
export class MissingTemplateVariablesError extends Error {
  override readonly name = "MissingTemplateVariablesError";
  /** The missing variable names, in order of first use. */
  readonly missing: readonly string[];

  constructor(missing: readonly string[], template?: string) {
    const list = missing.map((name) => `{{${name}}}`).join(", ");
    const where = template === undefined ? "The template" : `The template ${template}`;
    super(`${where} uses ${list}, which ${missing.length === 1 ? "is" : "are"} not provided.`);
    this.missing = missing;
  }
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The variable names a template uses, in order of first use. */
export function templateVariables(template: string): string[] {
  return [...new Set(Array.from(template.matchAll(PLACEHOLDER), (match) => match[1] ?? ""))];
}

/**
 * Replaces each `{{name}}` (spaces inside the braces allowed) with its value,
 * in one pass: a value that itself contains `{{…}}` or `$&` is inserted as
 * written, never expanded. Every variable the template uses must be given,
 * else {@link MissingTemplateVariablesError} names all that are missing, so a
 * repository's prompt override with a typo fails loudly instead of sending
 * the model a literal `{{tsak}}`. Extra variables are ignored.
 */
export function renderTemplate(
  template: string,
  vars: Readonly<Record<string, string>>,
  name?: string,
): string {
  const missing = templateVariables(template).filter((variable) => !Object.hasOwn(vars, variable));
  if (missing.length > 0) throw new MissingTemplateVariablesError(missing, name);
  return template.replace(PLACEHOLDER, (_, variable: string) => vars[variable] ?? "");
}
