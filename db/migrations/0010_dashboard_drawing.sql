-- Until when a worker draws the project's dashboard (NULL: nobody). Two
-- replicas drawing one dashboard at once could each create and pin an issue,
-- or record the hash of a body that the other's later write replaced; now
-- the second waits its turn. A worker that dies while drawing lets go when
-- the time runs out.
ALTER TABLE projects ADD COLUMN dashboard_drawing_until timestamptz;
