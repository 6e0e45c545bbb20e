-- City scale (issue 20): pages that stay fast with millions of rows.

-- The audit viewer filters by time ("the last day", "this month") over millions of entries:
-- an index on the time lets it count and page them without reading the whole trail.
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_kind ON audit_log (record_type, action, at);

-- What the plans desk and the half-yearly summary need of each plan, kept by the store whenever
-- the plan, its versions, its monitoring entries or its closing change: the desk then selects and
-- counts its lists in SQL instead of reading every version of every plan.
CREATE TABLE plan_facts (
    plan_id TEXT PRIMARY KEY REFERENCES plans (id) ON DELETE CASCADE,
    -- Copies of the plan's start and of its case's programme and coordinator, which the desk
    -- filters and orders by.
    created_at TEXT,
    programme_id TEXT,
    coordinator_id TEXT,
    -- The last version and its state.
    version INTEGER NOT NULL,
    state TEXT NOT NULL,
    -- The period of the version in force, once one was approved.
    period_start TEXT,
    period_end TEXT,
    -- The 30-day drafting deadline, while no version was ever submitted.
    drafting_due TEXT,
    closed INTEGER NOT NULL,
    -- The next quality check while the plan runs; the follow-up until it is recorded.
    quality_check_due TEXT,
    follow_up_due TEXT,
    created_on TEXT NOT NULL,
    ended_on TEXT,
    resigned INTEGER NOT NULL,
    follow_up_on TEXT
);
CREATE INDEX plan_facts_created ON plan_facts (created_at, plan_id);
CREATE INDEX plan_facts_coordinator ON plan_facts (coordinator_id, created_at, plan_id);
CREATE INDEX plan_facts_programme ON plan_facts (programme_id, created_at, plan_id);

-- The services (name, units) of the version in force, or of the last version until one is approved.
CREATE TABLE plan_fact_services (
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    units INTEGER NOT NULL,
    PRIMARY KEY (plan_id, position)
);

-- The half-yearly summary counts a half-year's monitoring entries by kind from this index alone.
CREATE INDEX plan_entries_day ON plan_entries (happened_on, kind, problem, plan_id);
