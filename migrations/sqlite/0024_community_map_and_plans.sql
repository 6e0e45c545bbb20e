-- Community organising, continued: the diagnosis ("mapa zasobów i potrzeb": resources and
-- needs, and the community's profile), the yearly OSL plan in versions (measurable goals and
-- tasks), and what each activity achieved (attendance, its goal, the outcome, an evaluation).
CREATE TABLE community_map_entries (
    id TEXT PRIMARY KEY,
    community_id TEXT NOT NULL REFERENCES communities (id),
    -- Resources: leader | organisation | place | centre; needs: problem | opinion | idea |
    -- barrier | involvement.
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    place TEXT NOT NULL,
    source TEXT NOT NULL,
    note TEXT NOT NULL,
    -- The resident's needs report the entry was taken from, if any.
    need_report_id TEXT,
    recorded_by TEXT NOT NULL REFERENCES users (id),
    recorded_at TEXT NOT NULL,
    -- SHA-256 of the community, kind and name: the same form sent twice is one entry.
    digest TEXT NOT NULL UNIQUE
);
CREATE INDEX community_map_entries_of ON community_map_entries (community_id, kind);

CREATE TABLE community_profiles (
    community_id TEXT PRIMARY KEY REFERENCES communities (id),
    characteristics TEXT NOT NULL,
    -- Socio-demographic figures, NULL when not known.
    population INTEGER,
    seniors INTEGER,
    children INTEGER,
    disabled INTEGER,
    demography TEXT NOT NULL,
    potential TEXT NOT NULL,
    first_plan TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES users (id),
    updated_at TEXT NOT NULL
);

-- One row per version of a community's plan for a year; goals and tasks are JSON arrays whose
-- items keep their ids from version to version (activities point at a goal's id).
CREATE TABLE osl_plans (
    id TEXT PRIMARY KEY,
    community_id TEXT NOT NULL REFERENCES communities (id),
    year INTEGER NOT NULL,
    version INTEGER NOT NULL,
    -- draft | adopted | superseded
    state TEXT NOT NULL,
    goals TEXT NOT NULL,
    tasks TEXT NOT NULL,
    -- What this version changed (empty for the first).
    changes TEXT NOT NULL,
    -- Counts the draft's saves: a form shown before another save cannot adopt it.
    revision INTEGER NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    adopted_by TEXT REFERENCES users (id),
    adopted_at TEXT,
    updated_at TEXT NOT NULL,
    UNIQUE (community_id, year, version)
);
CREATE UNIQUE INDEX osl_plans_one_draft ON osl_plans (community_id, year) WHERE state = 'draft';

ALTER TABLE community_activities ADD COLUMN goal_id TEXT;
-- Attendance, once recorded: registered people who came and walk-ins (counts, no names).
ALTER TABLE community_activities ADD COLUMN attended INTEGER;
ALTER TABLE community_activities ADD COLUMN walk_ins INTEGER;
-- The activity's contribution to a goal counted by hand.
ALTER TABLE community_activities ADD COLUMN outcome INTEGER;
ALTER TABLE community_activities ADD COLUMN evaluation TEXT NOT NULL DEFAULT '';
ALTER TABLE community_activities ADD COLUMN attendance_by TEXT REFERENCES users (id);
ALTER TABLE community_activities ADD COLUMN attendance_at TEXT;

-- The organiser's evaluation of a stage (above all the sixth: monitoring and evaluation).
CREATE TABLE community_evaluations (
    id TEXT PRIMARY KEY,
    community_id TEXT NOT NULL REFERENCES communities (id),
    stage TEXT NOT NULL,
    text TEXT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES users (id),
    recorded_at TEXT NOT NULL
);
CREATE INDEX community_evaluations_of ON community_evaluations (community_id, recorded_at);

-- When the e-mail reminder of the day before went to a sign-up (NULL: not yet).
ALTER TABLE activity_registrations ADD COLUMN reminded_at TEXT;
