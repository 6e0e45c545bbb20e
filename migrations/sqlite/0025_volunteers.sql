-- The volunteer base (Klub Wolontariusza): offers from the public form, the organiser's
-- decision with the agreement's period (art. 44 of the public benefit act), and assignments to
-- activities, which the volunteer confirms and the organiser records the hours of.
CREATE TABLE volunteers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT NOT NULL,
    -- The e-mail address (lower case) or else the phone number: one offer per person.
    contact_key TEXT NOT NULL UNIQUE,
    birth_year INTEGER,
    -- Comma-separated codes.
    skills TEXT NOT NULL,
    availability TEXT NOT NULL,
    areas TEXT NOT NULL,
    languages TEXT NOT NULL,
    driving_licence INTEGER NOT NULL,
    about TEXT NOT NULL,
    -- applied | approved | declined
    status TEXT NOT NULL,
    decision_note TEXT NOT NULL,
    decided_by TEXT REFERENCES users (id),
    decided_at TEXT,
    agreement_from TEXT,
    agreement_until TEXT,
    -- SHA-256 of the token of the volunteer's own page.
    token_hash TEXT NOT NULL UNIQUE,
    -- The language of the form: later e-mails are written in it.
    locale TEXT NOT NULL,
    consent_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX volunteers_by_status ON volunteers (status, name);

CREATE TABLE volunteer_assignments (
    id TEXT PRIMARY KEY,
    volunteer_id TEXT NOT NULL REFERENCES volunteers (id),
    activity_id TEXT NOT NULL REFERENCES community_activities (id),
    role TEXT NOT NULL,
    -- proposed | confirmed | declined | done
    status TEXT NOT NULL,
    minutes INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (volunteer_id, activity_id)
);
CREATE INDEX volunteer_assignments_of_activity ON volunteer_assignments (activity_id);
