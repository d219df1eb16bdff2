-- How many of a pending effect's attempts GitHub told to wait (a rate limit's
-- retry-after). They stay counted in `attempts`, so a retry still looks for
-- what they may have done, but not toward dead-lettering: an effect that was
-- rate-limited ten times and then failed once, or whose worker then died
-- once, is retried like one that failed once.
ALTER TABLE outbox ADD COLUMN waited integer NOT NULL DEFAULT 0 CHECK (waited >= 0);
