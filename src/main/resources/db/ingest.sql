-- Tables of the EHR pull (org.trialfhir.ingest.pull). Idempotent: run at every startup.

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
