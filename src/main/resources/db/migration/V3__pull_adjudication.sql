-- The source version behind each pulled value held for adjudication (a source with adjudication: required): the
-- SHA-256 of our copy as the hospital sent it, before it is marked preliminary and pending. A pull that brings the
-- same fingerprint again changes nothing, whatever a coordinator decided; another fingerprint is a new source version,
-- stored as a new pending version of our copy.
CREATE TABLE ingest_pull_version (
    identifier_system  text        NOT NULL,   -- <base-url>/Observation, the origin identifier of our copy
    identifier_value   text        NOT NULL,   -- the hospital's Observation id
    fingerprint        text        NOT NULL,
    pulled_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (identifier_system, identifier_value)
);
