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
-- (The body is a single-quoted string, not dollar-quoted: the Spring script runner splits on semicolons.)
CREATE OR REPLACE FUNCTION trialfhir_allocation_slot_guard() RETURNS trigger LANGUAGE plpgsql AS '
BEGIN
    IF TG_OP = ''DELETE'' THEN
        RAISE EXCEPTION ''allocation slot % cannot be deleted'', OLD.id;
    END IF;
    IF OLD.used_at IS NOT NULL THEN
        RAISE EXCEPTION ''allocation slot % is used and cannot change'', OLD.id;
    END IF;
    IF NEW.study_id <> OLD.study_id OR NEW.stratum <> OLD.stratum OR NEW.sequence <> OLD.sequence
            OR NEW.block_number <> OLD.block_number OR NEW.block_size <> OLD.block_size OR NEW.arm <> OLD.arm
            OR NEW.generated_at <> OLD.generated_at THEN
        RAISE EXCEPTION ''the allocation of slot % cannot change'', OLD.id;
    END IF;
    RETURN NEW;
END';

CREATE OR REPLACE TRIGGER trialfhir_allocation_slot_guard
    BEFORE UPDATE OR DELETE ON trialfhir_allocation_slot
    FOR EACH ROW EXECUTE FUNCTION trialfhir_allocation_slot_guard();
