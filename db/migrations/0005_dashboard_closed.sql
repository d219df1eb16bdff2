-- A dashboard issue closed by a person is respected: the app stops redrawing
-- it until someone reopens it. Webhooks may arrive out of order, so the state
-- is stored with the issue's own time of that change (`issue.updated_at` of
-- the issues.closed / issues.reopened payload): an older event never
-- overwrites a newer one. NULL: no close or reopen seen yet (open).
ALTER TABLE projects ADD COLUMN dashboard_closed boolean NOT NULL DEFAULT false;
ALTER TABLE projects ADD COLUMN dashboard_state_at timestamptz;
