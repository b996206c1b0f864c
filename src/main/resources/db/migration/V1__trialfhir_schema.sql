-- Version 1 of TrialFHIR's own tables (HAPI FHIR's tables are migrated by HAPI's own tasks: docs/database.md).
--
-- This is the schema the releases before versioned migrations created at every start, statement for statement, and
-- like theirs every statement is idempotent (IF NOT EXISTS, OR REPLACE): on a database such a release created, Flyway
-- records a baseline at version 0 and runs this file, which completes whatever the older release left and changes
-- nothing else. Never edit this file once released: a change to the schema is a new V<n>__<what>.sql.

-- Audit outbox (org.trialfhir.audit)
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

-- ------------------------------------------------------------------------------------------------------------

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

-- ------------------------------------------------------------------------------------------------------------

-- Tables of the EHR pull (org.trialfhir.ingest.pull).

-- How far each source has been pulled for each subject: the source's meta.lastUpdated (search mode) or the
-- export's transactionTime (bulk mode) of the last page/export whose resources are all stored.
CREATE TABLE IF NOT EXISTS ingest_pull_cursor (
    source_name          text        NOT NULL,
    research_subject_id  text        NOT NULL,
    last_updated         timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source_name, research_subject_id)
);

-- What a pull could not take: a unit not accepted for the variable (rejected), a resource that cannot be used
-- (malformed), a resource our server refused (refused), a subject or export that failed, an export's error file or a
-- resource left for the next pull after repeated storage conflicts (failed).
CREATE TABLE IF NOT EXISTS ingest_pull_issue (
    id                   bigserial   PRIMARY KEY,
    source_name          text        NOT NULL,
    research_subject_id  text,
    source_reference     text,
    kind                 text        NOT NULL,
    reason               text        NOT NULL,
    recorded_at          timestamptz NOT NULL DEFAULT now()
);

-- The same resource version rejected again by a later pull is recorded once (NULL references are all distinct:
-- failures of whole subjects are recorded each time they happen).
CREATE UNIQUE INDEX IF NOT EXISTS ingest_pull_issue_once
    ON ingest_pull_issue (source_name, source_reference, kind, reason);

CREATE INDEX IF NOT EXISTS ingest_pull_issue_recent ON ingest_pull_issue (source_name, recorded_at);

-- ------------------------------------------------------------------------------------------------------------

-- Concealed allocation lists of $randomize: one row per slot, per study and stratum. Never exposed through /fhir.
CREATE TABLE IF NOT EXISTS trialfhir_allocation_slot (
    id                  BIGSERIAL PRIMARY KEY,
    study_id            TEXT NOT NULL,
    stratum             TEXT NOT NULL,
    sequence            INTEGER NOT NULL,
    block_number        INTEGER NOT NULL,
    block_size          INTEGER NOT NULL,
    arm                 TEXT NOT NULL,
    generated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    used_at             TIMESTAMPTZ,
    patient_id          TEXT,
    research_subject_id TEXT,
    CONSTRAINT trialfhir_allocation_slot_position UNIQUE (study_id, stratum, sequence),
    CONSTRAINT trialfhir_allocation_slot_use CHECK (
        (used_at IS NULL) = (patient_id IS NULL) AND (used_at IS NULL) = (research_subject_id IS NULL))
);

-- A patient holds at most one slot of a study: a subject is randomized once, whatever the stratum.
CREATE UNIQUE INDEX IF NOT EXISTS trialfhir_allocation_slot_patient
    ON trialfhir_allocation_slot (study_id, patient_id) WHERE patient_id IS NOT NULL;

CREATE INDEX IF NOT EXISTS trialfhir_allocation_slot_unused
    ON trialfhir_allocation_slot (study_id, stratum, sequence) WHERE used_at IS NULL;

CREATE INDEX IF NOT EXISTS trialfhir_allocation_slot_subject
    ON trialfhir_allocation_slot (research_subject_id) WHERE research_subject_id IS NOT NULL;

-- Never re-rolled: a slot's allocation never changes, a used slot never changes at all, no slot is ever deleted.
CREATE OR REPLACE FUNCTION trialfhir_allocation_slot_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'allocation slot % cannot be deleted', OLD.id;
    END IF;
    IF OLD.used_at IS NOT NULL THEN
        RAISE EXCEPTION 'allocation slot % is used and cannot change', OLD.id;
    END IF;
    IF NEW.study_id <> OLD.study_id OR NEW.stratum <> OLD.stratum OR NEW.sequence <> OLD.sequence
            OR NEW.block_number <> OLD.block_number OR NEW.block_size <> OLD.block_size OR NEW.arm <> OLD.arm
            OR NEW.generated_at <> OLD.generated_at THEN
        RAISE EXCEPTION 'the allocation of slot % cannot change', OLD.id;
    END IF;
    RETURN NEW;
END;
$$;

CREATE OR REPLACE TRIGGER trialfhir_allocation_slot_guard
    BEFORE UPDATE OR DELETE ON trialfhir_allocation_slot
    FOR EACH ROW EXECUTE FUNCTION trialfhir_allocation_slot_guard();
