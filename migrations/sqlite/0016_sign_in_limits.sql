-- Sign-in attempts (password or code) counted for throttling: recorded before the check and
-- counted in the order recorded, so parallel attempts cannot exceed the limit; successful ones
-- are removed.
CREATE TABLE sign_in_attempts (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    account  TEXT NOT NULL,
    ip       TEXT,
    at       TEXT NOT NULL
);
CREATE INDEX sign_in_attempts_by_account ON sign_in_attempts (account, at);
CREATE INDEX sign_in_attempts_by_ip ON sign_in_attempts (ip, at);

-- Links mailed from the public forms (registration, password reset), per address (lower case),
-- so one mailbox cannot be flooded.
CREATE TABLE public_form_mails (
    address  TEXT NOT NULL,
    at       TEXT NOT NULL
);
CREATE INDEX public_form_mails_by_address ON public_form_mails (address, at);
