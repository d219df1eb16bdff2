-- What the app last wrote to the dashboard issue, as `<issue number>:<SHA-256
-- of the body>`: a redraw that would write the same body to the same issue
-- asks GitHub nothing (a job starting changes no line of the dashboard).
-- NULL: not known (never drawn), so the next redraw writes.
ALTER TABLE projects ADD COLUMN dashboard_drawn text;
