-- The centre's own templates of a decision's justification (kind 'refusal'), with placeholders
-- filled from the case; no row: the defaults in the code apply.
CREATE TABLE decision_templates (
    kind TEXT PRIMARY KEY,
    factual TEXT NOT NULL,
    legal TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES users (id)
);
