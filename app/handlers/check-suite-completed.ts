import { z } from "zod";
import { parsePayload } from "../ingest/payload-error.js";
import { hurryWaitingMerges } from "../store/merge-waits.js";
import { defineHandler } from "./define-handler.js";

const schema = z.object({
  installation: z.object({ id: z.number().int().positive() }),
  check_suite: z.object({ head_sha: z.string().regex(/^[0-9a-f]{40}$/) }),
});

/**
 * `check_suite.completed`: a merge waiting for required checks on that commit
 * is tried again right after this delivery commits, instead of at its next
 * poll. One UPDATE, no GitHub call; suites of other commits change nothing.
 */
export const checkSuiteCompleted = defineHandler(
  ["check_suite.completed"],
  async ({ context, tx, log, lastWritesSent }) => {
    const { installation, check_suite } = parsePayload(schema, context.payload, context.name);
    const hurrying = hurryWaitingMerges(tx, installation.id, check_suite.head_sha);
    lastWritesSent();
    const hurried = await hurrying;
    if (hurried > 0)
      log.info({ sha: check_suite.head_sha, hurried }, "Checks finished: merge again");
  },
  { callsGitHub: false },
);
