import type { NotifyBudgetExhaustedEffect } from "../../core/pipeline/effects.js";
import { renderBudgetNotice } from "../../core/report/budget-notice.js";
import type { PerformerContext } from "../performer-context.js";
import { type EffectOrigin, postOnce } from "./post-once.js";

/**
 * `notify_budget_exhausted`: a run was not dispatched because the project
 * budget cannot cover it. Says so on the work item with the numbers and what
 * to change; `origin` as for `performReply`.
 */
export async function performNotifyBudgetExhausted(
  context: PerformerContext,
  effect: NotifyBudgetExhaustedEffect,
  origin?: EffectOrigin,
): Promise<void> {
  await postOnce(context, renderBudgetNotice(effect), origin);
}
