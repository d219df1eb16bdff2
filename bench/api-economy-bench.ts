import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { startThrowawayPostgres } from "../test/helpers/throwaway-postgres.js";
import { measureApiEconomy } from "./api-economy.js";
import { type ApiEconomy, formatEconomy } from "./api-economy-report.js";
import { Teardown } from "./teardown.js";

const RESULTS_PATH = new URL("./results/api-economy.json", import.meta.url).pathname;

/**
 * `npm run bench -- api`: only the GitHub API economy (REST calls per
 * transition, per approval path), on a Postgres of its own; the figures go
 * to bench/results/api-economy.json. It counts requests, so the machine's
 * load does not change them.
 */
export async function runApiEconomyBench(): Promise<ApiEconomy> {
  const teardown = new Teardown();
  try {
    const postgres = await startThrowawayPostgres();
    teardown.add("Postgres", postgres.stop);
    const economy = await measureApiEconomy(postgres.url, teardown);
    const results = { generatedAt: new Date().toISOString(), apiEconomy: economy };
    await mkdir(dirname(RESULTS_PATH), { recursive: true });
    await writeFile(RESULTS_PATH, `${JSON.stringify(results, null, 2)}\n`);
    await teardown.run();
    console.log(formatEconomy(economy).join("\n"));
    return economy;
  } finally {
    await teardown.run();
  }
}
