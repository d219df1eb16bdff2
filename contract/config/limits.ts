import { z } from "zod";
import { whenValid } from "./when-valid.js";

const resultLimitsSchema = z
  .strictObject({
    max_files: z
      .int()
      .positive()
      .max(1_000)
      .default(200)
      .describe("Most files one result may change."),
    max_file_bytes: z
      .int()
      .positive()
      .max(10_000_000)
      .default(1_000_000)
      .describe("Largest single file a result may write, in bytes."),
    max_total_bytes: z
      .int()
      .positive()
      .max(50_000_000)
      .default(5_000_000)
      .describe("Largest total size of the files a result writes, in bytes."),
  })
  .refine((l) => l.max_file_bytes <= l.max_total_bytes, {
    path: ["max_file_bytes"],
    message: "must not exceed limits.result.max_total_bytes",
    ...whenValid,
  })
  .prefault({})
  .describe("A stage result beyond these limits is refused before anything is written.");

export const limitsSchema = z
  .strictObject({ result: resultLimitsSchema })
  .prefault({})
  .describe("Limits the app enforces on what agents send back.");

// Runner labels are plain words; a comma usually means a list was meant.
const runnerLabel = z.string().regex(/^[\w.-]{1,100}$/, {
  message: "must be a runner label; use a YAML list for several labels",
});

export const runnerSchema = z
  .strictObject({
    runs_on: z
      .union([runnerLabel, z.array(runnerLabel).min(1).max(10)])
      .default("ubuntu-latest")
      .describe("The `runs-on` of stage jobs: a label or a list of labels (self-hosted runners)."),
  })
  .prefault({})
  .describe("Where stage jobs run.");
