-- QuantaPilot's state. Shipped migrations are never edited: add a new file.
-- GitHub ids (installation, repository, check run, workflow run) are bigint:
-- they passed 2^31 years ago.

CREATE TABLE installations (
  id               bigint PRIMARY KEY,                 -- GitHub installation id
  account_login    text NOT NULL,
  account_type     text NOT NULL CHECK (account_type IN ('User', 'Organization', 'Enterprise', 'Bot')),
  suspended_at     timestamptz,
  deleted_at       timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE projects (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  installation_id  bigint NOT NULL REFERENCES installations (id),
  repo_id          bigint NOT NULL UNIQUE,             -- GitHub repository id: survives renames
  owner            text NOT NULL,
  name             text NOT NULL,
  default_branch   text,                               -- unknown until a payload or the API tells
  status           text NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'onboarding', 'active', 'paused', 'removed')),
  budget_usd       numeric(12, 6) CHECK (budget_usd IS NULL OR budget_usd >= 0),
  -- The validated .github/quantapilot.yml of the default branch, refreshed on
  -- pushes that touch it, so handlers decide without calling GitHub. NULL: defaults.
  config           jsonb,
  config_sha       text,
  spent_usd        numeric(12, 6) NOT NULL DEFAULT 0 CHECK (spent_usd >= 0),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX projects_installation_idx ON projects (installation_id);
-- Not unique: GitHub's repository id is the identity; a name can pass from a deleted repository to a new one.
CREATE INDEX projects_full_name_idx ON projects (lower(owner), lower(name));

CREATE TABLE work_items (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id       bigint NOT NULL REFERENCES projects (id),
  kind             text NOT NULL CHECK (kind IN ('kickoff', 'issue', 'release')),
  -- A milestone issue belongs to the kickoff whose plan listed it.
  parent_id        bigint REFERENCES work_items (id),
  milestone_index  integer CHECK (milestone_index IS NULL OR milestone_index >= 1),
  issue_number     integer CHECK (issue_number IS NULL OR issue_number > 0),
  pr_number        integer CHECK (pr_number IS NULL OR pr_number > 0),
  title            text NOT NULL,
  branch           text,
  stage            text NOT NULL,
  state            text NOT NULL
                   CHECK (state IN ('queued', 'running', 'awaiting_approval', 'merging',
                                    'waiting_for_human', 'held', 'done', 'cancelled', 'failed')),
  iteration        integer NOT NULL DEFAULT 0 CHECK (iteration >= 0),
  held             boolean NOT NULL DEFAULT false,
  head_sha         text CHECK (head_sha IS NULL OR head_sha ~ '^[0-9a-f]{40}$'),
  approved_sha     text,
  last_run_number  integer NOT NULL DEFAULT 0 CHECK (last_run_number >= 0),
  findings         jsonb NOT NULL DEFAULT '[]',
  feedback         jsonb NOT NULL DEFAULT '[]',
  spent_usd        numeric(12, 6) NOT NULL DEFAULT 0 CHECK (spent_usd >= 0),
  status_comment_id bigint,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX work_items_issue_idx ON work_items (project_id, issue_number) WHERE issue_number IS NOT NULL;
CREATE UNIQUE INDEX work_items_pr_idx ON work_items (project_id, pr_number) WHERE pr_number IS NOT NULL;
-- One live kickoff per project.
CREATE UNIQUE INDEX work_items_kickoff_idx ON work_items (project_id)
  WHERE kind = 'kickoff' AND state NOT IN ('done', 'cancelled', 'failed');
CREATE UNIQUE INDEX work_items_milestone_idx ON work_items (parent_id, milestone_index) WHERE parent_id IS NOT NULL;
CREATE INDEX work_items_open_idx ON work_items (project_id, state) WHERE state NOT IN ('done', 'cancelled', 'failed');

CREATE TABLE stage_runs (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  work_item_id     bigint NOT NULL REFERENCES work_items (id),
  run_number       integer NOT NULL CHECK (run_number >= 1),   -- 1, 2, … within the work item
  stage            text NOT NULL CHECK (stage IN ('plan', 'implement', 'test', 'review', 'release')),
  iteration        integer NOT NULL DEFAULT 0 CHECK (iteration >= 0),
  status           text NOT NULL DEFAULT 'queued'
                   CHECK (status IN ('queued', 'dispatched', 'in_progress', 'succeeded', 'failed',
                                     'refused', 'cancelled', 'timed_out')),
  reason           text,
  -- Pinned when the run is dispatched (the work branch head, or the default branch's).
  base_sha         text CHECK (base_sha IS NULL OR base_sha ~ '^[0-9a-f]{40}$'),
  head_sha         text CHECK (head_sha IS NULL OR head_sha ~ '^[0-9a-f]{40}$'),
  check_run_id     bigint,
  workflow_run_id  bigint,
  spec             jsonb,
  result           jsonb,
  usd_cap          numeric(12, 6) NOT NULL CHECK (usd_cap >= 0),
  usd_spent        numeric(12, 6) NOT NULL DEFAULT 0 CHECK (usd_spent >= 0),
  created_at       timestamptz NOT NULL DEFAULT now(),
  dispatched_at    timestamptz,
  started_at       timestamptz,
  completed_at     timestamptz,
  CHECK ((status IN ('queued', 'dispatched', 'in_progress')) = (completed_at IS NULL))
);
-- The invariant "never two open stage runs for one work item", held by the database itself.
CREATE UNIQUE INDEX stage_runs_one_open_idx ON stage_runs (work_item_id)
  WHERE status IN ('queued', 'dispatched', 'in_progress');
CREATE UNIQUE INDEX stage_runs_number_idx ON stage_runs (work_item_id, run_number);
CREATE UNIQUE INDEX stage_runs_workflow_run_idx ON stage_runs (workflow_run_id) WHERE workflow_run_id IS NOT NULL;
CREATE INDEX stage_runs_open_idx ON stage_runs (created_at) WHERE status IN ('queued', 'dispatched', 'in_progress');

CREATE TABLE decisions (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  work_item_id     bigint NOT NULL REFERENCES work_items (id),
  stage_run_id     bigint REFERENCES stage_runs (id),
  actor_login      text NOT NULL,
  actor_id         bigint NOT NULL,
  command          text NOT NULL,
  args             text NOT NULL DEFAULT '',
  sha              text CHECK (sha IS NULL OR sha ~ '^[0-9a-f]{7,40}$'),
  source           text NOT NULL CHECK (source IN ('comment', 'review', 'check_run', 'label')),
  source_url       text,
  delivery_id      text NOT NULL,
  accepted         boolean NOT NULL,
  reason           text,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX decisions_work_item_idx ON decisions (work_item_id, created_at);

CREATE TABLE deliveries (
  id               text PRIMARY KEY,                   -- X-GitHub-Delivery; a manual redelivery reuses it
  event            text NOT NULL,
  action           text,
  installation_id  bigint,
  repository       text,
  status           text NOT NULL CHECK (status IN ('processed', 'ignored', 'failed')),
  attempts         integer NOT NULL DEFAULT 1 CHECK (attempts >= 1),
  error            text,
  received_at      timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
-- The reconciler asks GitHub to redeliver what failed.
CREATE INDEX deliveries_failed_idx ON deliveries (updated_at) WHERE status = 'failed';

CREATE TABLE outbox (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  idempotency_key  text NOT NULL UNIQUE,               -- e.g. dispatch:<stage run id>
  kind             text NOT NULL,
  installation_id  bigint NOT NULL,
  payload          jsonb NOT NULL,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'dead')),
  attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  run_after        timestamptz NOT NULL DEFAULT now(),
  last_error       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  done_at          timestamptz
);
CREATE INDEX outbox_due_idx ON outbox (run_after, id) WHERE status = 'pending';

CREATE TABLE llm_usage (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  stage_run_id       bigint NOT NULL REFERENCES stage_runs (id),
  provider           text NOT NULL,
  model              text NOT NULL,
  input_tokens       bigint NOT NULL DEFAULT 0 CHECK (input_tokens >= 0),
  output_tokens      bigint NOT NULL DEFAULT 0 CHECK (output_tokens >= 0),
  cache_read_tokens  bigint NOT NULL DEFAULT 0 CHECK (cache_read_tokens >= 0),
  cache_write_tokens bigint NOT NULL DEFAULT 0 CHECK (cache_write_tokens >= 0),
  usd                numeric(12, 6) NOT NULL DEFAULT 0 CHECK (usd >= 0),
  created_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (stage_run_id, provider, model)
);

CREATE TABLE quality_reports (
  stage_run_id     bigint PRIMARY KEY REFERENCES stage_runs (id),
  gate_passed      boolean NOT NULL,
  tests_passed     integer NOT NULL DEFAULT 0 CHECK (tests_passed >= 0),
  tests_failed     integer NOT NULL DEFAULT 0 CHECK (tests_failed >= 0),
  tests_skipped    integer NOT NULL DEFAULT 0 CHECK (tests_skipped >= 0),
  coverage_pct     numeric(5, 2) CHECK (coverage_pct IS NULL OR coverage_pct BETWEEN 0 AND 100),
  report           jsonb NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);
