CREATE TABLE IF NOT EXISTS trialfhir_audit_outbox (
    id          BIGSERIAL PRIMARY KEY,
    recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    event_json  TEXT NOT NULL
);
ALTER TABLE trialfhir_audit_outbox ADD COLUMN IF NOT EXISTS failed_at TIMESTAMPTZ;
ALTER TABLE trialfhir_audit_outbox ADD COLUMN IF NOT EXISTS failure TEXT;
