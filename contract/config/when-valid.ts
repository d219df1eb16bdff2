import type { z } from "zod";

/**
 * For cross-key checks: run only when each key is valid on its own, so one
 * bad value (a negative budget) is not reported twice under two paths.
 */
export const whenValid = { when: (payload: z.core.ParsePayload) => payload.issues.length === 0 };
