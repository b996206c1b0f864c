-- $import (org.trialfhir.bulkimport): a job and its chunks, durable so that an import resumes after a crash from its
-- first chunk not done. A chunk's NDJSON is stored (inline bodies at kick-off, URL inputs once fetched), so a
-- restart reads nothing twice from the client or the remote host.
CREATE TABLE trialfhir_import_job (
    id            UUID        PRIMARY KEY,
    owner_client  TEXT        NOT NULL,       -- the client whose token started the job
    owner_user    TEXT,
    owner_scopes  TEXT        NOT NULL,       -- its scopes: each line is written only if they allow its type
    request_hash  TEXT        NOT NULL,       -- sha-256 of owner and body: a repeated kick-off finds the running job
    url_inputs    TEXT,                       -- JSON [{"type":…,"url":…}] still to fetch; null once split into chunks
    state         TEXT        NOT NULL,       -- fetching | loading | done | failed
    failure       TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at   TIMESTAMPTZ
);
CREATE INDEX trialfhir_import_job_unfinished ON trialfhir_import_job (state) WHERE state IN ('fetching', 'loading');
CREATE INDEX trialfhir_import_job_request ON trialfhir_import_job (request_hash);

CREATE TABLE trialfhir_import_chunk (
    job_id        UUID        NOT NULL REFERENCES trialfhir_import_job (id) ON DELETE CASCADE,
    seq           INTEGER     NOT NULL,       -- chunks run in this order
    source        TEXT        NOT NULL,       -- 'body' or the input's URL
    declared_type TEXT,                       -- the input's type (URL inputs); null for an inline body
    line_numbers  TEXT        NOT NULL,       -- the source line number of each line of the chunk, comma-separated
    ndjson        TEXT        NOT NULL,
    done          BOOLEAN     NOT NULL DEFAULT false,
    report        TEXT,                       -- JSON counts and line errors, written with the chunk's resources
    PRIMARY KEY (job_id, seq)
);
