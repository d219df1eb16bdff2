import { describe, expect, it } from "vitest";
import { type AcknowledgementInput, planAcknowledgement } from "./acknowledgement.js";

const plan = (input: Partial<AcknowledgementInput>) =>
  planAcknowledgement({ results: [], unknown: 0, merging: false, ...input });

describe("planAcknowledgement", () => {
  it.each([
    ["a command done at once: 👍 alone", { results: ["took"] }, "+1", false],
    ["several, all done", { results: ["took", "took"] }, "+1", false],
    [
      "an approval whose merge is under way: decided after it",
      { results: ["took"], merging: true },
      null,
      true,
    ],
    [
      "refused (nothing awaits approval): 👀, the reply says why",
      { results: ["refused"] },
      "eyes",
      false,
    ],
    ["one took, one refused: 👀", { results: ["took", "refused"], merging: true }, "eyes", false],
    ["took, plus an unknown command: 👀", { results: ["took"], unknown: 1 }, "eyes", false],
    ["unauthorised: the refusal reply alone", { results: ["unauthorised"] }, null, false],
    [
      "unauthorised twice, merging or not",
      { results: ["unauthorised", "unauthorised"], merging: true },
      null,
      false,
    ],
    ["one unauthorised, one took: 👀", { results: ["unauthorised", "took"] }, "eyes", false],
    ["only unknown commands: the reply alone", { results: [], unknown: 2 }, null, false],
    ["nothing at all", {}, null, false],
  ] as const)("%s", (_, input, react, afterMerge) => {
    expect(plan(input as Partial<AcknowledgementInput>)).toEqual({ react, afterMerge });
  });

  it("never leaves an authorised person without a reaction or a later one", () => {
    const outcomes = ["took", "refused", "unauthorised"] as const;
    for (const a of outcomes)
      for (const b of outcomes)
        for (const unknown of [0, 1])
          for (const merging of [false, true]) {
            const got = plan({ results: [a, b], unknown, merging });
            const authorised = a !== "unauthorised" || b !== "unauthorised";
            expect(got.react !== null || got.afterMerge).toBe(authorised);
          }
  });
});
