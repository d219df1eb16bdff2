import type { StageName } from "../../../contract/config.js";

/** Every QuantaPilot check run is named `QuantaPilot / <stage>`. */
export function checkRunName(stage: StageName): string {
  return `QuantaPilot / ${stage}`;
}

/**
 * `qp:<workItemId>:<runNumber>`: the check run's `external_id`. A retried
 * create finds its earlier check run by it, and a button press
 * (`check_run.requested_action`) leads back to the stage run.
 */
export function checkRunExternalId(workItemId: number, runNumber: number): string {
  return `qp:${workItemId}:${runNumber}`;
}

/** The stage run an `external_id` names, or null when it is not one of ours. */
export function parseCheckRunExternalId(
  externalId: string | null | undefined,
): { workItemId: number; runNumber: number } | null {
  const match = /^qp:([1-9]\d{0,15}):([1-9]\d{0,8})$/.exec(externalId ?? "");
  if (!match?.[1] || !match[2]) return null;
  return { workItemId: Number(match[1]), runNumber: Number(match[2]) };
}
