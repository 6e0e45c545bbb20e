-- The data protection officer's register of data-subject requests (RODO art. 15–22), with the
-- one-month deadline (art. 12 ust. 3).
CREATE TABLE data_requests (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    subject      TEXT NOT NULL,
    received_on  TEXT NOT NULL,
    due_on       TEXT NOT NULL,
    notes        TEXT NOT NULL DEFAULT '',
    outcome      TEXT,
    closed_on    TEXT,
    created_at   TEXT NOT NULL,
    UNIQUE (kind, subject, received_on)
);
CREATE INDEX data_requests_by_day ON data_requests (received_on);
