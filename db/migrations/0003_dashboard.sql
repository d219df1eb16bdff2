-- The dashboard issue: one per project, found again by its number, and
-- decisions made by ticking its checkboxes.

-- The issue the app keeps current; NULL until it is created (or found again by its marker).
ALTER TABLE projects ADD COLUMN dashboard_issue_number integer
  CHECK (dashboard_issue_number IS NULL OR dashboard_issue_number > 0);

-- A ticked box on the dashboard is a decision like a comment, a review or a button.
ALTER TABLE decisions DROP CONSTRAINT decisions_source_check;
ALTER TABLE decisions ADD CONSTRAINT decisions_source_check
  CHECK (source IN ('comment', 'review', 'check_run', 'label', 'dashboard'));

-- The coalescing look-up: is a dashboard update for this project still waiting?
CREATE INDEX outbox_dashboard_pending_idx ON outbox ((payload ->> 'projectId'))
  WHERE kind = 'update_dashboard' AND status = 'pending';
