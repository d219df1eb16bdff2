-- Onboarding and milestones (issue #3).

-- The onboarding PR the app opened for the project: its merge activates the
-- project. NULL until the PR exists (a merge is then matched by its branch).
ALTER TABLE projects ADD COLUMN onboarding_pr integer CHECK (onboarding_pr IS NULL OR onboarding_pr > 0);

-- One release work item per kickoff: start_release may be performed twice.
CREATE UNIQUE INDEX work_items_release_idx ON work_items (parent_id) WHERE kind = 'release';

-- Onboarding effects are paced per installation (GitHub's secondary limit on
-- content-creating requests): the next slot is read from the pending ones.
CREATE INDEX outbox_pending_kind_idx ON outbox (installation_id, kind, run_after) WHERE status = 'pending';
