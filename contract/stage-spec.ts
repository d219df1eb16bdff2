/**
 * The stage spec: what the app asks of one stage run, carried to the action
 * as the `spec` input of a `workflow_dispatch` (DESIGN §6).
 */
export { WORK_BRANCH_PREFIX } from "./stage-spec/branch-name.js";
export {
  type DecodeStageSpecResult,
  decodeStageSpec,
  type StageSpecError,
} from "./stage-spec/decode-stage-spec.js";
export {
  encodeStageSpec,
  MAX_STAGE_SPEC_BYTES,
  StageSpecTooLargeError,
} from "./stage-spec/encode-stage-spec.js";
export { type StageSpec, stageSpecSchema } from "./stage-spec/stage-spec-schema.js";
