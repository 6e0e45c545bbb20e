-- The append-only, hash-chained audit trail (see app/src/audit).

CREATE TABLE audit_log (
    seq          BIGINT PRIMARY KEY,
    at           TEXT NOT NULL,
    actor_id     TEXT,
    actor_role   TEXT,
    action       TEXT NOT NULL,
    record_type  TEXT,
    record_id    TEXT,
    person_id    TEXT,
    ip           TEXT,
    purpose      TEXT,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
);

CREATE INDEX audit_log_person ON audit_log (person_id, seq);
CREATE INDEX audit_log_actor ON audit_log (actor_id, seq);

-- One row: the last sequence number and hash. Updating it first serialises writers.
CREATE TABLE audit_head (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    seq   BIGINT NOT NULL,
    hash  TEXT NOT NULL
);

INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
