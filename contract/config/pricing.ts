import { z } from "zod";
import { modelNameSchema } from "./models.js";

const perMillion = (what: string, note = "") =>
  z.number().nonnegative().max(10_000).describe(`USD per million ${what} tokens.${note}`);

const modelPriceSchema = z
  .strictObject({
    input: perMillion("input"),
    output: perMillion("output"),
    cache_read: perMillion("cache-read", " Defaults to the input price.").optional(),
    cache_write: perMillion("cache-write", " Defaults to the input price.").optional(),
  })
  // Filled here so every consumer prices the same way.
  .transform((p) => ({
    input: p.input,
    output: p.output,
    cache_read: p.cache_read ?? p.input,
    cache_write: p.cache_write ?? p.input,
  }));

export const pricingSchema = z
  .record(modelNameSchema, modelPriceSchema)
  .default({})
  .describe("Price overrides per model id, over the built-in price table.");
