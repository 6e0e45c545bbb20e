-- Identity: resident profiles, e-mail confirmation, the staff second factor (TOTP) with
-- recovery codes, and single-use links for confirming an address or resetting a password.

ALTER TABLE users ADD COLUMN email_confirmed_at TEXT;
ALTER TABLE users ADD COLUMN phone TEXT;
ALTER TABLE users ADD COLUMN address TEXT;
ALTER TABLE users ADD COLUMN pesel TEXT;
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_enabled_at TEXT;
-- The last accepted 30-second step: a code is never accepted twice.
ALTER TABLE users ADD COLUMN totp_last_step BIGINT;

-- Staff accounts and accounts created before this migration count as confirmed.
UPDATE users SET email_confirmed_at = created_at;

CREATE TABLE account_tokens (
    token_hash  TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose     TEXT NOT NULL CHECK (purpose IN ('confirm_email', 'reset_password')),
    expires_at  TEXT NOT NULL,
    used_at     TEXT,
    created_at  TEXT NOT NULL
);

CREATE INDEX account_tokens_user ON account_tokens (user_id, purpose);

CREATE TABLE recovery_codes (
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash  TEXT NOT NULL,
    used_at    TEXT,
    PRIMARY KEY (user_id, code_hash)
);
