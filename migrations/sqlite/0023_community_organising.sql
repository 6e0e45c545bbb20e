-- Community organising (OSL, art. 32): the communities the organiser works with, where each
-- stands in the six-stage cycle and how it got there, their activities, and the sign-ups for
-- the public ones (a place or the waiting list; cancelled with the link the person was given).
CREATE TABLE communities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    -- territorial | categorial
    kind TEXT NOT NULL,
    -- A territorial community's kind of area (solectwo, osiedle, district); '' for categorial.
    territory TEXT NOT NULL,
    place TEXT NOT NULL,
    -- The gmina's TERYT code, '' when not given.
    teryt TEXT NOT NULL,
    -- A categorial community's target group; '' for territorial.
    target_group TEXT NOT NULL,
    description TEXT NOT NULL,
    organiser_id TEXT NOT NULL REFERENCES users (id),
    stage TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE community_stage_changes (
    id TEXT PRIMARY KEY,
    community_id TEXT NOT NULL REFERENCES communities (id),
    -- NULL for the first stage, when the community was taken up.
    from_stage TEXT,
    to_stage TEXT NOT NULL,
    reason TEXT NOT NULL,
    changed_by TEXT NOT NULL REFERENCES users (id),
    changed_at TEXT NOT NULL
);
CREATE INDEX community_stage_changes_of ON community_stage_changes (community_id, changed_at);

CREATE TABLE community_activities (
    id TEXT PRIMARY KEY,
    community_id TEXT NOT NULL REFERENCES communities (id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    place TEXT NOT NULL,
    step_free INTEGER NOT NULL,
    hearing_loop INTEGER NOT NULL,
    sign_language INTEGER NOT NULL,
    capacity INTEGER NOT NULL,
    public INTEGER NOT NULL,
    partners TEXT NOT NULL,
    volunteers_needed INTEGER NOT NULL,
    area TEXT NOT NULL,
    target_group TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    -- SHA-256 of the community, title and start: the same form sent twice is one activity.
    digest TEXT NOT NULL UNIQUE
);
CREATE INDEX community_activities_public ON community_activities (public, starts_at);
CREATE INDEX community_activities_of ON community_activities (community_id, starts_at);

CREATE TABLE activity_registrations (
    id TEXT PRIMARY KEY,
    activity_id TEXT NOT NULL REFERENCES community_activities (id),
    name TEXT NOT NULL,
    contact TEXT NOT NULL,
    -- The contact in one form (lower-case e-mail, phone digits): one sign-up per person.
    contact_key TEXT NOT NULL,
    user_id TEXT REFERENCES users (id),
    -- The language of the sign-up page: later e-mails (a freed place) are written in it.
    locale TEXT NOT NULL,
    -- registered | waiting | cancelled
    status TEXT NOT NULL,
    -- SHA-256 of the link's token given to the person (to see and cancel the sign-up).
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX activity_registrations_once
    ON activity_registrations (activity_id, contact_key) WHERE status <> 'cancelled';
CREATE INDEX activity_registrations_of ON activity_registrations (activity_id, status, created_at);
