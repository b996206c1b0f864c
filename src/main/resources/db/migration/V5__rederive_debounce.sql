-- Re-derivation debounced with a bound (org.trialfhir.derive.RederiveQueue): a queued patient falls due once its
-- writes have been quiet for `delay`, but never later than `max-delay` after the first change its row still holds.
-- That first change is kept here; rows queued before this migration count from the migration.
ALTER TABLE trialfhir_rederive_queue ADD COLUMN IF NOT EXISTS first_change_at TIMESTAMPTZ NOT NULL DEFAULT now();
