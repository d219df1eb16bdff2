import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { aStageSpec } from "../../test/fixtures/stage-spec.js";
import {
  decodeStageSpec,
  encodeStageSpec,
  MAX_STAGE_SPEC_BYTES,
  type StageSpec,
  StageSpecTooLargeError,
} from "../stage-spec.js";
import { truncateText } from "./truncate-text.js";

const bytes = (text: string) => new TextEncoder().encode(text).byteLength;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function roundTrip(spec: StageSpec, maxBytes = MAX_STAGE_SPEC_BYTES): StageSpec {
  const text = encodeStageSpec(spec, { maxBytes });
  expect(bytes(text)).toBeLessThanOrEqual(maxBytes);
  const decoded = decodeStageSpec(text);
  if (!decoded.ok) throw new Error(JSON.stringify(decoded.errors));
  return decoded.spec;
}

const feedback = (body: string, url?: string) => ({ author: "octocat", body, ...(url && { url }) });

describe("encodeStageSpec", () => {
  it("leaves a spec that fits untouched", () => {
    const spec = aStageSpec({ human_feedback: [feedback("Looks good, but add tests.")] });
    expect(encodeStageSpec(spec)).toBe(JSON.stringify(spec));
  });

  it("cuts a huge feedback body, keeping its head and pointing at the comment", () => {
    const url = "https://github.com/octo-org/octo-repo/issues/12#issuecomment-1";
    const spec = roundTrip(
      aStageSpec({ human_feedback: [feedback(`Head. ${"x".repeat(200_000)}`, url)] }),
    );
    const body = spec.human_feedback[0]?.body ?? "";
    expect(body.startsWith("Head. xxx")).toBe(true);
    expect(body).toMatch(
      /\n… \[truncated: 1\d\d,\d{3} more characters — full text at https:\/\/github\.com\/.+#issuecomment-1\]$/,
    );
    expect(spec.task).toBe(aStageSpec().task);
  });

  it("cuts the longest texts first and leaves short ones whole", () => {
    const spec = roundTrip(
      aStageSpec({
        task: "t".repeat(40_000),
        human_feedback: [feedback("short and sweet"), feedback("f".repeat(40_000))],
      }),
    );
    expect(spec.human_feedback[0]?.body).toBe("short and sweet");
    expect(spec.task).toContain("— full text at https://github.com/octo-org/octo-repo/issues/12]");
    const [task, long] = [spec.task.length, spec.human_feedback[1]?.body.length ?? 0];
    expect(Math.abs(task - long)).toBeLessThan(200);
  });

  it("cuts finding messages, which have no link, with a bare marker", () => {
    const finding = { severity: "error" as const, message: "m".repeat(20_000) };
    const spec = roundTrip(aStageSpec({ prior_findings: Array(5).fill(finding) }), 20_000);
    expect(spec.prior_findings[0]?.message).toMatch(/\n… \[truncated: [\d,]+ more characters\]$/);
  });

  it("counts bytes, not characters, and never splits a surrogate pair", () => {
    const spec = roundTrip(aStageSpec({ task: "😀é".repeat(40_000) }));
    expect(spec.task).not.toMatch(LONE_SURROGATE);
    expect(spec.task).toContain("[truncated:");
  });

  it("throws StageSpecTooLargeError when cutting every text is not enough", () => {
    const protected_paths = [...aStageSpec().protected_paths, ...Array(150).fill("p".repeat(500))];
    const encode = () => encodeStageSpec(aStageSpec({ protected_paths }));
    expect(encode).toThrow(StageSpecTooLargeError);
    expect(encode).toThrow(/over the 60000-byte limit of a workflow_dispatch input/);
  });

  it("refuses an invalid spec before encoding it", () => {
    expect(() => encodeStageSpec(aStageSpec({ work_branch: "main" }))).toThrow(ZodError);
  });

  it("always fits and always decodes, whatever the texts", () => {
    const text = fc.string({ unit: "binary", maxLength: 30_000 });
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", minLength: 1, maxLength: 30_000 }),
        fc.array(text, { maxLength: 6 }),
        fc.integer({ min: 8_000, max: 60_000 }),
        (task, bodies, maxBytes) => {
          const spec = aStageSpec({ task, human_feedback: bodies.map((b) => feedback(b)) });
          const decoded = roundTrip(spec, maxBytes);
          expect(decoded.task).not.toMatch(LONE_SURROGATE);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("truncateText", () => {
  it.each([
    ["short", 10, "short"],
    ["x".repeat(100), 100, "x".repeat(100)],
    ["x".repeat(20), 5, "x".repeat(20)],
  ])("leaves %j alone at cap %i when cutting would not shorten it", (text, cap, expected) => {
    expect(truncateText(text, cap)).toBe(expected);
  });

  it("formats the omitted count with thousands separators and stays within the cap", () => {
    const cut = truncateText("y".repeat(1_234_567), 100, "https://x.test/1");
    expect(cut).toMatch(
      /^y+\n… \[truncated: 1,234,\d{3} more characters — full text at https:\/\/x\.test\/1\]$/,
    );
    expect(cut.length).toBeLessThanOrEqual(100);
  });
});
