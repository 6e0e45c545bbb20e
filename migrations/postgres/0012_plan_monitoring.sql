-- Monitoring a plan while it runs (art. 45 ust. 1): contacts with the person or family, home
-- visits, contacts with providers, quality checks and the actual use of the granted services,
-- each of which may flag a problem.
CREATE TABLE plan_entries (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    happened_on TEXT NOT NULL,
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    problem INTEGER NOT NULL DEFAULT 0,
    author_id TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    -- SHA-256 of the day, kind and text: the same entry sent twice (a double submit) is kept once.
    digest TEXT NOT NULL,
    UNIQUE (plan_id, digest)
);
CREATE INDEX plan_entries_plan ON plan_entries (plan_id, happened_on);

-- Closing a plan (section F, art. 45 ust. 2–3): the day it ended (early, on resignation, with the
-- reason in plans.close_reason and here), the summary conversation, the course and the results;
-- and the follow-up six months after the end (section G), due on follow_up_due until recorded.
CREATE TABLE plan_closures (
    plan_id TEXT PRIMARY KEY REFERENCES plans (id) ON DELETE CASCADE,
    ended_on TEXT NOT NULL,
    resignation TEXT NOT NULL DEFAULT '',
    conversation_on TEXT,
    course TEXT NOT NULL,
    results TEXT NOT NULL,
    closed_by TEXT NOT NULL REFERENCES users (id),
    follow_up_due TEXT NOT NULL,
    follow_up_on TEXT,
    follow_up_findings TEXT NOT NULL DEFAULT '',
    follow_up_by TEXT REFERENCES users (id)
);
CREATE INDEX plan_closures_follow_up ON plan_closures (follow_up_due, follow_up_on);
