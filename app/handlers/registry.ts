import { checkRunAction } from "./check-run-action.js";
import { checkSuiteCompleted } from "./check-suite-completed.js";
import { configPushed } from "./config-push.js";
import { dashboardClosed } from "./dashboard-closed.js";
import type { Handler } from "./define-handler.js";
import type { HandlerDeps } from "./handler-deps.js";
import {
  installationActivated,
  installationDeleted,
  installationSuspended,
} from "./installation.js";
import { installationRepositoriesChanged } from "./installation-repositories.js";
import { issueComment } from "./issue-comment.js";
import { issueLabeled } from "./issue-labeled.js";
import { issuesEdited } from "./issues-edited.js";
import { onboardingMerged } from "./onboarding-merged.js";
import { onboardingPushed } from "./onboarding-push.js";
import { pullRequestChanged } from "./pull-request.js";
import { pullRequestReview } from "./pull-request-review.js";
import { repositoryChanged, repositoryDeleted } from "./repository.js";
import { repositorySettingsSeen } from "./repository-settings.js";
import { workflowRunChanged } from "./workflow-run.js";

/** Every handler the app runs. A delivery none of them wants is recorded as ignored. */
export function createHandlers(deps: HandlerDeps): Handler[] {
  return [
    installationActivated,
    installationDeleted,
    installationSuspended,
    installationRepositoriesChanged,
    repositoryChanged,
    repositoryDeleted,
    repositorySettingsSeen,
    issueLabeled(deps),
    issueComment(deps),
    issuesEdited(deps),
    dashboardClosed(deps),
    pullRequestReview(deps),
    workflowRunChanged,
    checkRunAction(deps),
    checkSuiteCompleted,
    pullRequestChanged,
    onboardingMerged,
    configPushed,
    onboardingPushed,
  ];
}

/** The handlers that want `event` (and `action`), in registry order. */
export function handlersFor(
  registry: readonly Handler[],
  event: string,
  action: string | undefined,
): Handler[] {
  return registry.filter((handler) =>
    handler.events.some(
      (name) => name === event || (action !== undefined && name === `${event}.${action}`),
    ),
  );
}

/** Whether some handler wants `event` (and `action`), without running anything. */
export function handlesEvent(
  registry: readonly Handler[],
  event: string,
  action: string | undefined,
): boolean {
  return handlersFor(registry, event, action).length > 0;
}
