-- The social services programme (PUS) as data, its services and the providers that deliver them.
-- Structured parts that are read whole (the 12 elements, a service's conditions and fee rule) are
-- JSON text; what the catalogue filters on has its own columns or rows in service_tags.

CREATE TABLE providers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    nip TEXT,
    address TEXT NOT NULL,
    phone TEXT,
    email TEXT,
    website TEXT,
    description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE programmes (
    id TEXT PRIMARY KEY,
    lineage_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    gminas TEXT NOT NULL,
    resolution_number TEXT NOT NULL,
    resolution_date TEXT NOT NULL,
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    status TEXT NOT NULL,
    elements TEXT NOT NULL,
    personal_data TEXT NOT NULL,
    created_at TEXT NOT NULL,
    published_at TEXT,
    UNIQUE (lineage_id, version)
);
CREATE INDEX programmes_status ON programmes (status);

CREATE TABLE services (
    id TEXT PRIMARY KEY,
    programme_id TEXT NOT NULL REFERENCES programmes (id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    area TEXT NOT NULL,
    form TEXT NOT NULL,
    is_free INTEGER NOT NULL,
    details TEXT NOT NULL,
    search_text TEXT NOT NULL
);
CREATE INDEX services_programme ON services (programme_id, position);

-- One row per value a service can be filtered by: kind is group, place, package or provider.
CREATE TABLE service_tags (
    service_id TEXT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (service_id, kind, value)
);
CREATE INDEX service_tags_value ON service_tags (kind, value, service_id);

CREATE TABLE packages (
    id TEXT PRIMARY KEY,
    programme_id TEXT NOT NULL REFERENCES programmes (id),
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    service_ids TEXT NOT NULL
);

CREATE TABLE supporting_activities (
    id TEXT PRIMARY KEY,
    programme_id TEXT NOT NULL REFERENCES programmes (id),
    name TEXT NOT NULL,
    description TEXT NOT NULL
);
