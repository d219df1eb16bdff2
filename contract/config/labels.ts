import { z } from "zod";
import { whenValid } from "./when-valid.js";

// GitHub refuses label names longer than 50 characters.
function label(stage: string) {
  return z
    .string()
    .min(1)
    .max(50)
    .default(`quantapilot:${stage}`)
    .describe(`Issue label that starts a work item at the ${stage} stage.`);
}

type Labels = Record<string, string>;
type Clash = { stage: string; other: string; name: string };

// Two stages sharing a label would make labelling an issue ambiguous.
function findClash(labels: Labels): Clash | undefined {
  const owners = new Map<string, string>();
  for (const [stage, name] of Object.entries(labels)) {
    const other = owners.get(name.toLowerCase());
    if (other !== undefined) return { stage, other, name };
    owners.set(name.toLowerCase(), stage);
  }
  return undefined;
}

export const labelsSchema = z
  .strictObject({
    plan: label("plan"),
    implement: label("implement"),
    test: label("test"),
    review: label("review"),
  })
  .superRefine((labels, ctx) => {
    const clash = findClash(labels);
    if (clash === undefined) return;
    // Both keys, since either may be the one written in the file.
    for (const [stage, other] of [
      [clash.stage, clash.other],
      [clash.other, clash.stage],
    ] as const) {
      ctx.addIssue({
        code: "custom",
        path: [stage],
        message: `"${clash.name}" is also labels.${other}; each stage needs its own label (case-insensitive)`,
      });
    }
  }, whenValid)
  .prefault({})
  .describe("Stage-trigger labels; the sender needs write permission, like a command.");
