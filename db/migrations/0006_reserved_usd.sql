-- What a project's open stage runs may still spend (the sum of their usd_cap),
-- kept beside spent_usd by the transition that opens or closes a run, so the
-- budget check reads one column instead of summing every open run of the
-- project on each transition (which grew with the project's open work).
ALTER TABLE projects ADD COLUMN reserved_usd numeric(12, 6) NOT NULL DEFAULT 0;
UPDATE projects p SET reserved_usd = coalesce((
  SELECT sum(r.usd_cap) FROM stage_runs r JOIN work_items w ON w.id = r.work_item_id
  WHERE w.project_id = p.id AND r.status IN ('queued', 'dispatched', 'in_progress')), 0);
