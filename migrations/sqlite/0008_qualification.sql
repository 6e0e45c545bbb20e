-- Case handling, continued: needs recognition, coordinators' scopes, forwarding, and the qualification of a
-- requested service (art. 42): the units granted, the fee computed
-- by the programme's rule with the inputs it used (kept with the decision), what the granted
-- units are worth against a budget limit, who decided and when.

ALTER TABLE application_services ADD COLUMN units BIGINT;
ALTER TABLE application_services ADD COLUMN fee_per_unit BIGINT;
ALTER TABLE application_services ADD COLUMN fee_total BIGINT;
ALTER TABLE application_services ADD COLUMN cost_total BIGINT;
-- JSON: the fee inputs, the exemption if any, and the quote.
ALTER TABLE application_services ADD COLUMN fee_record TEXT;
ALTER TABLE application_services ADD COLUMN decided_at TEXT;
ALTER TABLE application_services ADD COLUMN decided_by TEXT REFERENCES users (id);

-- Refusals are administrative decisions (art. 42 ust. 3), numbered per year. `content` is the
-- whole document as issued (the JSON its template reads), so it prints the same every time; the
-- appeal deadline follows from the day of delivery.
CREATE TABLE decision_counters (
    year INTEGER PRIMARY KEY,
    last_number BIGINT NOT NULL
);

CREATE TABLE decisions (
    id TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    service_id TEXT NOT NULL REFERENCES services (id),
    number TEXT NOT NULL UNIQUE,
    issued_on TEXT NOT NULL,
    issued_by TEXT NOT NULL REFERENCES users (id),
    content TEXT NOT NULL,
    delivered_on TEXT,
    appeal_due TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX decisions_application ON decisions (application_id);
CREATE INDEX decisions_appeal ON decisions (appeal_due);

-- Needs recognition (optional, agreed with the applicant): when, where, who took part, the needs
-- found, the services already used and the proposal.
CREATE TABLE needs_recognitions (
    id TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    held_on TEXT NOT NULL,
    place TEXT NOT NULL,
    place_detail TEXT NOT NULL,
    participants TEXT NOT NULL,
    needs TEXT NOT NULL,
    services_used TEXT NOT NULL,
    proposal TEXT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL
);
CREATE INDEX needs_recognitions_application ON needs_recognitions (application_id, held_on);

-- Where a coordinator works: programme lineages ('programme') and gminas by TERYT ('gmina').
-- None: the whole centre.
CREATE TABLE staff_scopes (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (user_id, kind, value)
);

-- Forwarding the application, or some of its services, to whoever handles them; the letter to the
-- resident is made from this record.
CREATE TABLE forwardings (
    id TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    -- JSON: the ids of the services forwarded.
    service_ids TEXT NOT NULL,
    target TEXT NOT NULL,
    recipient TEXT NOT NULL,
    reason TEXT NOT NULL,
    forwarded_by TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL
);
CREATE INDEX forwardings_application ON forwardings (application_id, created_at);
