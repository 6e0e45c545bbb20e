-- The centre's case-handling settings that the store's own rules read. One row.
-- waiting_keeps_deadline: 1 when a request on the waiting list keeps the KPA decision deadline
-- running (the case counts as awaiting a decision until the service is granted); 0, the
-- default, when placing it on the list settles it for the deadline.
CREATE TABLE case_policy (
    id INTEGER PRIMARY KEY,
    waiting_keeps_deadline INTEGER NOT NULL DEFAULT 0
);
INSERT INTO case_policy (id, waiting_keeps_deadline) VALUES (1, 0);

-- When a programme's published version was ended (art. 6): its waiting lists closed then.
ALTER TABLE programmes ADD COLUMN ended_at TEXT;
