-- The audit chain keyed with a key kept outside the database (HMAC-SHA256): entries hashed with
-- it are marked; those written before it existed keep their plain SHA-256 chain. The head row
-- says where keyed entries begin and carries an HMAC of itself, so the chain cannot be rewritten
-- unkeyed from the start.
ALTER TABLE audit_log ADD COLUMN keyed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE audit_head ADD COLUMN keyed_from BIGINT;
ALTER TABLE audit_head ADD COLUMN mac TEXT;

-- A fingerprint of that key: a command run with another key (another folder, a lost key file)
-- is refused instead of sealing secrets or writing entries no one can check.
CREATE TABLE key_fingerprint (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint  TEXT NOT NULL
);
