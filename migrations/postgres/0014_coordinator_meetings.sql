-- The coordinators' meetings the services organiser holds at least every three months (the
-- programme's monitoring of plans): when, the agenda, who attended, which providers were
-- invited, and the minutes. A record is kept as written; the same one sent twice is kept once.
CREATE TABLE coordinator_meetings (
    id TEXT PRIMARY KEY,
    held_on TEXT NOT NULL,
    agenda TEXT NOT NULL,
    minutes TEXT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES users (id),
    recorded_at TEXT NOT NULL,
    -- SHA-256 of the day, agenda and minutes.
    digest TEXT NOT NULL UNIQUE
);
CREATE INDEX coordinator_meetings_held_on ON coordinator_meetings (held_on);

CREATE TABLE coordinator_meeting_attendees (
    meeting_id TEXT NOT NULL REFERENCES coordinator_meetings (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (meeting_id, user_id)
);

CREATE TABLE coordinator_meeting_providers (
    meeting_id TEXT NOT NULL REFERENCES coordinator_meetings (id) ON DELETE CASCADE,
    provider_id TEXT NOT NULL REFERENCES providers (id),
    PRIMARY KEY (meeting_id, provider_id)
);
