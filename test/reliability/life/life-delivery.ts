import type { StageResult } from "../../../contract/stage-result.js";
import type { FakeGitHub } from "../fake-github/fake-github.js";
import { sendWebhook, type Webhook } from "../fake-github/send-webhook.js";
import { postResult } from "./stage-runner.js";

/** One thing that reaches the app: a webhook from GitHub, or a stage result from a runner. */
export type LifeDelivery =
  | { kind: "webhook"; hook: Webhook }
  | { kind: "result"; id: string; stageRunId: number; token: string; result: StageResult };

/** What the app answered each kind of delivery, e.g. `webhook 200: 812`, `result 409: 31`. */
export type Answers = Record<string, number>;

/** Sends one delivery and tallies the answer. */
export async function sendDelivery(
  github: FakeGitHub,
  appUrl: string,
  delivery: LifeDelivery,
  answers: Answers,
): Promise<number> {
  const status =
    delivery.kind === "webhook"
      ? await sendWebhook(github, appUrl, delivery.hook)
      : await postUntilAnswered(appUrl, delivery);
  const key = `${delivery.kind} ${status}`;
  answers[key] = (answers[key] ?? 0) + 1;
  return status;
}

/**
 * As the action does: a result answered 5xx (the app could not reach GitHub
 * or its database) or not at all is sent again; any other answer is final.
 */
async function postUntilAnswered(
  appUrl: string,
  delivery: Extract<LifeDelivery, { kind: "result" }>,
) {
  for (let attempt = 1; ; attempt++) {
    const { status } = await postResult(
      appUrl,
      delivery.token,
      delivery.result,
      delivery.stageRunId,
    );
    if ((status !== 0 && status < 500) || attempt === 20) return status;
    await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
  }
}

/** Sends deliveries `concurrency` at a time, in the order given. */
export async function sendAll(
  github: FakeGitHub,
  appUrl: string,
  deliveries: LifeDelivery[],
  answers: Answers,
  concurrency: number,
): Promise<void> {
  const queue = [...deliveries];
  const lane = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      await sendDelivery(github, appUrl, next, answers);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}

export const deliveryId = (delivery: LifeDelivery) =>
  delivery.kind === "webhook" ? delivery.hook.id : delivery.id;
