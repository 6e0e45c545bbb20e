-- Applications (wniosek) from the draft to a registered case, their requested services, the
-- case timeline, attachments, the yearly case-number counter, and needs reports.

CREATE TABLE case_counters (
    year INTEGER PRIMARY KEY,
    last_number BIGINT NOT NULL
);

CREATE TABLE applications (
    id TEXT PRIMARY KEY,
    programme_id TEXT NOT NULL REFERENCES programmes (id),
    -- The resident account the case belongs to (none for a paper application without one).
    owner_id TEXT REFERENCES users (id),
    -- Who fills the form: the resident, or the clerk at the info point.
    drafted_by TEXT NOT NULL REFERENCES users (id),
    channel TEXT NOT NULL,
    received_on TEXT,
    applicant_role TEXT,
    subject TEXT NOT NULL,
    applicant TEXT NOT NULL,
    conditions_declared INTEGER NOT NULL DEFAULT 0,
    privacy_acknowledged INTEGER NOT NULL DEFAULT 0,
    locale TEXT NOT NULL,
    status TEXT NOT NULL,
    case_number TEXT UNIQUE,
    submitted_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- One open draft per person and programme: starting again resumes it.
CREATE UNIQUE INDEX applications_one_draft ON applications (drafted_by, programme_id) WHERE status = 'draft';
CREATE INDEX applications_owner ON applications (owner_id, created_at);

CREATE TABLE application_services (
    application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    service_id TEXT NOT NULL REFERENCES services (id),
    position INTEGER NOT NULL,
    status TEXT NOT NULL,
    PRIMARY KEY (application_id, service_id)
);

-- Everything that happened in a case, in order; `public` events are shown to the resident.
CREATE TABLE case_events (
    id TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    actor_id TEXT,
    kind TEXT NOT NULL,
    service_id TEXT,
    detail TEXT NOT NULL DEFAULT '',
    public INTEGER NOT NULL
);
CREATE INDEX case_events_application ON case_events (application_id, at);

CREATE TABLE attachments (
    id TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX attachments_application ON attachments (application_id);

CREATE TABLE needs_reports (
    id TEXT PRIMARY KEY,
    area TEXT NOT NULL,
    target_group TEXT NOT NULL,
    place TEXT NOT NULL,
    description TEXT NOT NULL,
    contact TEXT NOT NULL,
    reporter_id TEXT,
    -- SHA-256 of the sender's address, only for the rate limit.
    source_hash TEXT NOT NULL,
    status TEXT NOT NULL,
    service_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX needs_reports_status ON needs_reports (status, created_at);
CREATE INDEX needs_reports_source ON needs_reports (source_hash, created_at);
