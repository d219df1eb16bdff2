import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import { SEEDED_REPO } from "../../helpers/seed-stage-run.js";

type Payload = Record<string, unknown>;

function example(event: string, action?: string): Payload {
  const group = examples.find((candidate) => candidate.name === event);
  const found = group?.examples.find(
    (payload) => action === undefined || (payload as { action?: string }).action === action,
  );
  if (found === undefined) throw new Error(`@octokit/webhooks-examples has no ${event}.${action}`);
  return found as Payload;
}

// GitHub's real payloads, moved to the seeded repository and installation.
function inSeededRepo(payload: Payload): Payload {
  const repository = payload.repository as Payload;
  return {
    ...payload,
    installation: { id: SEEDED_REPO.installationId },
    repository: {
      ...repository,
      id: SEEDED_REPO.repoId,
      name: SEEDED_REPO.name,
      full_name: `${SEEDED_REPO.owner}/${SEEDED_REPO.name}`,
      owner: { ...(repository.owner as Payload), login: SEEDED_REPO.owner },
      default_branch: "main",
    },
  };
}

let commentIds = 5_000;

/** `issue_comment.created` on issue `issue` by `login` (a `User` unless `type` says otherwise). */
export function commentPayload(body: string, login: string, type = "User", issue = 12): Payload {
  const base = inSeededRepo(example("issue_comment", "created"));
  const comment = base.comment as Payload;
  return {
    ...base,
    issue: { ...(base.issue as Payload), number: issue, pull_request: undefined },
    comment: {
      ...comment,
      id: ++commentIds,
      body,
      performed_via_github_app: null,
      user: { ...(comment.user as Payload), login, type },
    },
  };
}

/** `issues.labeled` with the implement label on issue `number` titled `title`, by `login`. */
export function labeledPayload(number: number, title: string, login: string): Payload {
  const base = inSeededRepo(example("issues", "labeled"));
  const sender = base.sender as Payload;
  return {
    ...base,
    issue: { ...(base.issue as Payload), number, title, pull_request: undefined },
    label: { ...(base.label as Payload), name: "quantapilot:implement" },
    sender: { ...sender, login, id: 4_000 + number, type: "User" },
  };
}

/** A push to the default branch at `after` that modifies `.github/quantapilot.yml`. */
export function configPushPayload(after: string): Payload {
  const base = inSeededRepo(example("push"));
  return {
    ...base,
    ref: "refs/heads/main",
    after,
    commits: [
      {
        id: after,
        message: "config",
        added: [],
        modified: [".github/quantapilot.yml"],
        removed: [],
      },
    ],
  };
}
