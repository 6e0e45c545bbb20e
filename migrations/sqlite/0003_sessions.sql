-- Server-side sessions (tower-sessions records), so any instance can serve any request.

CREATE TABLE sessions (
    id          TEXT PRIMARY KEY,
    user_id     TEXT,
    data        TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);

CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);
