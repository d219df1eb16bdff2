import { type StageResult, stageResultSchema } from "../../../contract/stage-result.js";

/**
 * The stored result when it has the contract's shape, else null: a result may
 * be stored before it is validated (and then refused), and a check run must
 * still be written for it, from what the run record says.
 */
export function readStageResult(stored: unknown): StageResult | null {
  if (stored === null || stored === undefined) return null;
  const parsed = stageResultSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}
