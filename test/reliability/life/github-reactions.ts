import { randomUUID } from "node:crypto";
import type { LocalOidcIssuer } from "../../helpers/local-oidc-issuer.js";
import type { FakeGitHub } from "../fake-github/fake-github.js";
import type { FakeEvent } from "../fake-github/fake-route.js";
import type { LifeDelivery } from "./life-delivery.js";
import { type Place, pullRequest, workflowRun } from "./payloads.js";
import { resultFor, tokenFor } from "./stage-runner.js";

const hook = (event: string, payload: Record<string, unknown>): LifeDelivery => ({
  kind: "webhook",
  hook: { id: randomUUID(), event, payload },
});

function placeOf(github: FakeGitHub, fullName: string): Place {
  const repo = github.repos().find((r) => r.fullName === fullName);
  if (!repo) throw new Error(`no fake repository ${fullName}`);
  return {
    installationId: repo.installationId,
    repoId: repo.id,
    owner: repo.owner,
    name: repo.name,
  };
}

/**
 * What GitHub and the runners do next because of what the app did: a dispatch
 * starts a job (`in_progress`, then the stage result) and, once it has sent
 * its result, ends it (`completed`, returned separately: it comes after the
 * result); a PR opened, pushed or merged sends its webhook.
 */
export async function reactTo(
  github: FakeGitHub,
  issuer: LocalOidcIssuer,
  event: FakeEvent,
): Promise<{ now: LifeDelivery[]; after: LifeDelivery[] }> {
  if (event.type === "redelivery_requested") return { now: [], after: [] };
  const place = placeOf(github, event.repo);
  const repo = github.repos().find((r) => r.fullName === event.repo);
  if (event.type === "workflow_dispatched") {
    const run = repo?.workflowRuns.find((r) => r.id === event.runId);
    if (!run) throw new Error(`no workflow run ${event.runId}`);
    const dispatched = { place, workflowRunId: run.id, spec: run.spec };
    const token = await tokenFor(issuer, dispatched);
    const title = run.displayTitle;
    const result: LifeDelivery = {
      kind: "result",
      id: randomUUID(),
      stageRunId: run.stageRunId,
      token,
      result: resultFor(dispatched),
    };
    return {
      now: [hook("workflow_run", workflowRun(place, "in_progress", { id: run.id, title })), result],
      after: [hook("workflow_run", workflowRun(place, "completed", { id: run.id, title }))],
    };
  }
  const pull = repo?.pulls.get(event.number);
  if (!pull) throw new Error(`no pull request ${event.number}`);
  const headRef = pull.head;
  if (event.type === "pull_opened") {
    const headSha = repo?.refs.get(`heads/${headRef}`) ?? "";
    return {
      now: [
        hook(
          "pull_request",
          pullRequest(place, "opened", { number: pull.number, headRef, headSha }),
        ),
      ],
      after: [],
    };
  }
  if (event.type === "pull_pushed") {
    const push = { number: pull.number, headRef, headSha: event.after, before: event.before };
    return { now: [hook("pull_request", pullRequest(place, "synchronize", push))], after: [] };
  }
  const merged = {
    number: pull.number,
    headRef,
    headSha: event.sha,
    merged: true,
    mergeSha: pull.mergeSha ?? event.sha,
  };
  return { now: [hook("pull_request", pullRequest(place, "closed", merged))], after: [] };
}
