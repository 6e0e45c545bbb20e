-- Changes to stored data that SQL alone cannot make (they need the application's Rust code),
-- run once after the schema migrations: `Store::run_data_migrations`.
CREATE TABLE data_migrations (
    name TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
);
