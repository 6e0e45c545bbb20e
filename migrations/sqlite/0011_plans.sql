-- Individual plans (IPUS): one per case on the plan path, numbered in a yearly register; every
-- version is kept (drafted, submitted, returned with comments, approved, superseded by the next
-- approved one). A submitted or approved version is never written again.
CREATE TABLE plan_counters (
    year INTEGER PRIMARY KEY,
    last_number BIGINT NOT NULL
);

CREATE TABLE plans (
    id TEXT PRIMARY KEY,
    application_id TEXT NOT NULL UNIQUE REFERENCES applications (id) ON DELETE CASCADE,
    number TEXT NOT NULL UNIQUE,
    coordinator_id TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    closed_at TEXT,
    close_reason TEXT
);

CREATE TABLE plan_versions (
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    state TEXT NOT NULL,
    -- PlanContent as JSON: period, services with schedule and provider, supporting activities,
    -- expected effects, how often quality is checked.
    content TEXT NOT NULL,
    -- The day the applicant agreed to this version.
    agreed_on TEXT,
    -- Why the first version comes after the 30-day drafting deadline.
    delay_reason TEXT NOT NULL DEFAULT '',
    -- Who last saved it and who submitted it: neither may approve it.
    drafted_by TEXT NOT NULL REFERENCES users (id),
    updated_at TEXT NOT NULL,
    submitted_by TEXT REFERENCES users (id),
    submitted_at TEXT,
    decided_by TEXT REFERENCES users (id),
    decided_on TEXT,
    comments TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (plan_id, version)
);
CREATE INDEX plan_versions_state ON plan_versions (state, plan_id);

-- The director's authorisations to approve plans (art. 41): from a day, until a day or revoked.
CREATE TABLE approval_authorisations (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    from_day TEXT NOT NULL,
    until_day TEXT,
    granted_by TEXT NOT NULL REFERENCES users (id),
    granted_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX approval_authorisations_user ON approval_authorisations (user_id);
