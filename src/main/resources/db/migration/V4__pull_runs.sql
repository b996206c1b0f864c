-- One row per pull run of one source (a $pull or a scheduled pull), so that the outcome of the last run per source is
-- readable after the process that ran it is gone ($pull-status, the workbench's study dashboard). The counts are the
-- ones $pull answers with; notes holds its notes, among them the text of each error.
CREATE TABLE ingest_pull_run (
    id           bigserial   PRIMARY KEY,
    source_name  text        NOT NULL,
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz NOT NULL,
    result       text        NOT NULL CHECK (result IN ('completed', 'partial', 'failed')),
    fetched      integer     NOT NULL,
    created      integer     NOT NULL,
    updated      integer     NOT NULL,
    unchanged    integer     NOT NULL,
    rejected     integer     NOT NULL,
    errors       integer     NOT NULL,
    notes        text[]      NOT NULL DEFAULT '{}'
);

CREATE INDEX ingest_pull_run_latest ON ingest_pull_run (source_name, finished_at DESC, id DESC);
