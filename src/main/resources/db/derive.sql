-- $derive-scores: patients whose scoring inputs changed and whose scores must be re-derived (org.trialfhir.derive).
-- One row per patient; a burst of changes only widens the time range and bumps the generation. The row is written in
-- the transaction of the input write and deleted only after a re-derivation that saw its latest generation.
CREATE TABLE IF NOT EXISTS trialfhir_rederive_queue (
    patient_id  TEXT PRIMARY KEY,
    since_ms    BIGINT NOT NULL,            -- earliest affected time, epoch ms (Long.MIN_VALUE = from the start)
    until_ms    BIGINT NOT NULL,            -- latest affected time, epoch ms (Long.MAX_VALUE = open-ended)
    generation  BIGINT NOT NULL DEFAULT 1,
    due_at      TIMESTAMPTZ NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT
);
CREATE INDEX IF NOT EXISTS trialfhir_rederive_queue_due ON trialfhir_rederive_queue (due_at);
