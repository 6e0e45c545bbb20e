-- Retention: each programme states how long its case files are kept (the JRWA file class and
-- its archival category, e.g. B10), and what is left of a case once its period has passed —
-- no personal data, only what the statistics count.
ALTER TABLE programmes ADD COLUMN retention_symbol TEXT NOT NULL DEFAULT '';
ALTER TABLE programmes ADD COLUMN retention_category TEXT NOT NULL DEFAULT 'B10';

CREATE TABLE retired_cases (
    -- The case's id while it existed.
    id TEXT PRIMARY KEY,
    programme_id TEXT NOT NULL REFERENCES programmes (id),
    case_number TEXT,
    channel TEXT NOT NULL,
    registered_on TEXT,
    ended_on TEXT NOT NULL,
    -- JSON [{"service_id", "status"}]: what was requested and how it ended.
    services TEXT NOT NULL,
    had_plan INTEGER NOT NULL,
    category TEXT NOT NULL,
    retired_at TEXT NOT NULL
);
CREATE INDEX retired_cases_programme ON retired_cases (programme_id, ended_on);
