-- What a project's open stage runs may still spend (the sum of their usd_cap),
-- so the budget check reads one column instead of summing every open run of
-- the project on each transition (which grew with the project's open work).
-- A trigger keeps it, so every way a run opens, closes or goes away counts,
-- not only the transitions the app makes.
ALTER TABLE projects ADD COLUMN reserved_usd numeric(12, 6) NOT NULL DEFAULT 0;
UPDATE projects p SET reserved_usd = coalesce((
  SELECT sum(r.usd_cap) FROM stage_runs r JOIN work_items w ON w.id = r.work_item_id
  WHERE w.project_id = p.id AND r.status IN ('queued', 'dispatched', 'in_progress')), 0);

CREATE FUNCTION keep_reserved_usd() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  change numeric := 0;
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.status IN ('queued', 'dispatched', 'in_progress') THEN
    change := change - coalesce(OLD.usd_cap, 0);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.status IN ('queued', 'dispatched', 'in_progress') THEN
    change := change + coalesce(NEW.usd_cap, 0);
  END IF;
  IF change <> 0 THEN
    UPDATE projects SET reserved_usd = reserved_usd + change
    WHERE id = (SELECT project_id FROM work_items
                WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.work_item_id ELSE NEW.work_item_id END);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER stage_runs_keep_reserved_usd
  AFTER INSERT OR DELETE OR UPDATE OF status, usd_cap ON stage_runs
  FOR EACH ROW EXECUTE FUNCTION keep_reserved_usd();

-- TRUNCATE fires no row trigger: with every run gone, nothing is reserved.
CREATE FUNCTION clear_reserved_usd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE projects SET reserved_usd = 0 WHERE reserved_usd <> 0;
  RETURN NULL;
END $$;

CREATE TRIGGER stage_runs_clear_reserved_usd
  AFTER TRUNCATE ON stage_runs
  FOR EACH STATEMENT EXECUTE FUNCTION clear_reserved_usd();
