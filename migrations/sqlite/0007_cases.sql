-- Case handling: who coordinates a registered case, which path it takes (art. 42), whether it is
-- particularly complicated (KPA art. 35: two months), the day the deadlines count from and the
-- decision deadline, whether a requested service still awaits qualification, the words of the
-- person's name for the inbox search, and the staff's internal notes.

ALTER TABLE applications ADD COLUMN coordinator_id TEXT REFERENCES users (id);
ALTER TABLE applications ADD COLUMN path TEXT;
ALTER TABLE applications ADD COLUMN complicated INTEGER NOT NULL DEFAULT 0;
-- The day the application reached the centre (received_on at the info point, else the day it
-- was submitted, Warsaw time), as YYYY-MM-DD.
ALTER TABLE applications ADD COLUMN registered_on TEXT;
-- The KPA deadline for settling the case (one month, two when complicated), YYYY-MM-DD.
ALTER TABLE applications ADD COLUMN decision_due TEXT;
-- 1 while some requested service awaits qualification or refusal (the deadline runs).
ALTER TABLE applications ADD COLUMN awaiting INTEGER NOT NULL DEFAULT 0;
ALTER TABLE applications ADD COLUMN subject_pesel TEXT;

UPDATE applications SET registered_on = COALESCE(received_on, substr(submitted_at, 1, 10))
WHERE submitted_at IS NOT NULL;
UPDATE applications SET awaiting = 1 WHERE status = 'registered' AND EXISTS
    (SELECT 1 FROM application_services s WHERE s.application_id = applications.id AND s.status = 'requested');
-- A month later, or the next month's last day when it has no such day (KPA art. 57 § 3).
UPDATE applications SET decision_due = CASE
    WHEN strftime('%d', date(registered_on, '+1 month')) = strftime('%d', registered_on)
    THEN date(registered_on, '+1 month')
    ELSE date(registered_on, 'start of month', '+2 months', '-1 day') END
WHERE registered_on IS NOT NULL;

CREATE INDEX applications_inbox ON applications (status, registered_on);
CREATE INDEX applications_deadline ON applications (status, awaiting, decision_due);
CREATE INDEX applications_channel ON applications (status, channel, registered_on);
CREATE INDEX applications_coordinator ON applications (coordinator_id, status, registered_on);
CREATE INDEX applications_pesel ON applications (subject_pesel);
CREATE INDEX application_services_service ON application_services (service_id, status);

CREATE TABLE case_notes (
    id TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    author_id TEXT NOT NULL REFERENCES users (id),
    body TEXT NOT NULL
);
CREATE INDEX case_notes_application ON case_notes (application_id, at);

-- The words of the person's name, folded (lower case, no diacritics): the inbox finds a case by
-- word prefixes through the index (NOCASE lets SQLite use it for LIKE 'kowal%').
CREATE TABLE case_words (
    word TEXT NOT NULL COLLATE NOCASE,
    application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    PRIMARY KEY (word, application_id)
);
