CREATE TABLE IF NOT EXISTS trialfhir_audit_outbox (
    id          BIGSERIAL PRIMARY KEY,
    recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    event_json  TEXT NOT NULL
);
ALTER TABLE trialfhir_audit_outbox ADD COLUMN IF NOT EXISTS failed_at TIMESTAMPTZ;
ALTER TABLE trialfhir_audit_outbox ADD COLUMN IF NOT EXISTS failure TEXT;
-- the request a row belongs to, and whether it is the request's own record or a write transaction's receipt
ALTER TABLE trialfhir_audit_outbox ADD COLUMN IF NOT EXISTS request_id UUID;
ALTER TABLE trialfhir_audit_outbox ADD COLUMN IF NOT EXISTS kind TEXT NOT NULL DEFAULT 'request';
CREATE INDEX IF NOT EXISTS trialfhir_audit_outbox_request ON trialfhir_audit_outbox (request_id);
-- a publisher's claim on a row: other instances skip it until then
ALTER TABLE trialfhir_audit_outbox ADD COLUMN IF NOT EXISTS claimed_until TIMESTAMPTZ;
