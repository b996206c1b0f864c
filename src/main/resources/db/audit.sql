CREATE TABLE IF NOT EXISTS trialfhir_audit_outbox (
    id          BIGSERIAL PRIMARY KEY,
    recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    event_json  TEXT NOT NULL
);
