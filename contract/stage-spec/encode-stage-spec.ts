import { type StageSpec, stageSpecSchema } from "./stage-spec-schema.js";
import { truncateText } from "./truncate-text.js";

/**
 * The largest encoded spec, in UTF-8 bytes. GitHub refuses a
 * `workflow_dispatch` whose inputs exceed 65,535 characters in total. A
 * UTF-8 byte is never less than a character, so a byte budget holds however
 * GitHub counts; the 5,535 left over cover the other inputs, their names and
 * any escaping on the way, so a spec that encodes is never refused there.
 */
export const MAX_STAGE_SPEC_BYTES = 60_000;

/** Thrown when a spec is too large even with every free text cut to its marker. */
export class StageSpecTooLargeError extends Error {
  override name = "StageSpecTooLargeError";
  readonly code = "stage_spec_too_large";

  constructor(
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(
      `The stage spec is ${bytes} bytes even with task, feedback and findings truncated, over the ${maxBytes}-byte limit of a workflow_dispatch input. Shorten the config's protected_paths or allowed_commands, or the issue title.`,
    );
  }
}

const utf8 = new TextEncoder();
const byteLength = (text: string) => utf8.encode(text).byteLength;

// One cap for every free text, so the longest are cut first and evenly.
function truncateFreeText(spec: StageSpec, cap: number): StageSpec {
  return {
    ...spec,
    task: truncateText(spec.task, cap, spec.work_item.url),
    human_feedback: spec.human_feedback.map((f) => ({
      ...f,
      body: truncateText(f.body, cap, f.url),
    })),
    prior_findings: spec.prior_findings.map((f) => ({
      ...f,
      message: truncateText(f.message, cap),
    })),
  };
}

function longestFreeText(spec: StageSpec): number {
  const texts = [spec.task, ...spec.human_feedback.map((f) => f.body)];
  return Math.max(
    ...texts.map((t) => t.length),
    ...spec.prior_findings.map((f) => f.message.length),
  );
}

// Binary search for the largest cap that fits. No cap at or above maxBytes
// can fit when a text is that long, which bounds the search and the work.
function largestFittingCap(spec: StageSpec, fits: (cap: number) => boolean, maxBytes: number) {
  let fitting = 0;
  let failing = Math.min(longestFreeText(spec), maxBytes);
  while (failing - fitting > 1) {
    const middle = Math.floor((fitting + failing) / 2);
    if (fits(middle)) fitting = middle;
    else failing = middle;
  }
  return fitting;
}

/**
 * Validates `spec` and serialises it as JSON within `maxBytes`. When too
 * large, the longest free texts (task, feedback bodies, finding messages) are
 * cut, keeping their heads and a pointer to the full text. Throws a ZodError
 * for an invalid spec, and StageSpecTooLargeError when nothing left to cut.
 */
export function encodeStageSpec(
  spec: StageSpec,
  { maxBytes = MAX_STAGE_SPEC_BYTES }: { maxBytes?: number } = {},
): string {
  const valid = stageSpecSchema.parse(spec);
  const encode = (cap: number) => JSON.stringify(truncateFreeText(valid, cap));
  const whole = JSON.stringify(valid);
  if (byteLength(whole) <= maxBytes) return whole;
  const smallest = byteLength(encode(0));
  if (smallest > maxBytes) throw new StageSpecTooLargeError(smallest, maxBytes);
  return encode(largestFittingCap(valid, (cap) => byteLength(encode(cap)) <= maxBytes, maxBytes));
}
