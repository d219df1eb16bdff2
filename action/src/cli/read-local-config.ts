import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { CONFIG_PATH, configSchema, type QuantaPilotConfig } from "../../../contract/config.js";
import { parseConfig } from "../../../contract/parse-config.js";
import { UsageError } from "./parse-cli-args.js";

/**
 * The directory's `.github/quantapilot.yml`, or the defaults when it has
 * none: a local run obeys the same allowed commands, protected paths,
 * budgets and models as the Action would. An invalid file is an error
 * naming each line, as the app would report it.
 */
export async function readLocalConfig(dir: string): Promise<QuantaPilotConfig> {
  const text = await readFile(join(dir, CONFIG_PATH), "utf8").catch(() => undefined);
  if (text === undefined) return configSchema.parse({});
  const parsed = parseConfig(text);
  if (parsed.ok) return parsed.config;
  const lines = parsed.errors.map(
    (e) => `  ${CONFIG_PATH}${e.line ? `:${e.line}` : ""} ${e.path}: ${e.message}`,
  );
  throw new UsageError(`${CONFIG_PATH} is not valid:\n${lines.join("\n")}`);
}
