-- The inbox's name search reads one narrow table instead of looking each match up in
-- `applications`: `case_name_rows` keeps, per case with a name, its folded name words
-- and the case's status, day and number (the inbox's filter and order), kept by the triggers on
-- `applications` below; `case_names` is now a full-text index over it (external content, by its
-- integer id), so a search counts and pages its matches without reading the cases' wide rows.

DROP TRIGGER case_names_insert;
DROP TRIGGER case_names_update;
DROP TRIGGER case_names_delete;
DROP TABLE case_names;

CREATE TABLE case_name_rows (
    id INTEGER PRIMARY KEY,
    application_id TEXT NOT NULL UNIQUE,
    words TEXT NOT NULL,
    status TEXT NOT NULL,
    registered_on TEXT,
    case_number TEXT
);

CREATE VIRTUAL TABLE case_names USING fts5 (
    words,
    content = 'case_name_rows',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE TRIGGER case_name_rows_insert AFTER INSERT ON case_name_rows BEGIN
    INSERT INTO case_names (rowid, words) VALUES (NEW.id, NEW.words);
END;
CREATE TRIGGER case_name_rows_delete AFTER DELETE ON case_name_rows BEGIN
    INSERT INTO case_names (case_names, rowid, words) VALUES ('delete', OLD.id, OLD.words);
END;
CREATE TRIGGER case_name_rows_words AFTER UPDATE OF words ON case_name_rows
WHEN NEW.words IS NOT OLD.words BEGIN
    INSERT INTO case_names (case_names, rowid, words) VALUES ('delete', OLD.id, OLD.words);
    INSERT INTO case_names (rowid, words) VALUES (NEW.id, NEW.words);
END;

INSERT INTO case_name_rows (application_id, words, status, registered_on, case_number)
    SELECT id, name_words, status, registered_on, case_number FROM applications
    WHERE name_words <> '';

CREATE TRIGGER case_name_rows_of_new_case AFTER INSERT ON applications
WHEN NEW.name_words <> '' BEGIN
    INSERT INTO case_name_rows (application_id, words, status, registered_on, case_number)
        VALUES (NEW.id, NEW.name_words, NEW.status, NEW.registered_on, NEW.case_number);
END;
CREATE TRIGGER case_name_rows_of_case AFTER UPDATE OF name_words, status, registered_on, case_number
ON applications BEGIN
    DELETE FROM case_name_rows WHERE NEW.name_words = '' AND application_id = NEW.id;
    INSERT INTO case_name_rows (application_id, words, status, registered_on, case_number)
        SELECT NEW.id, NEW.name_words, NEW.status, NEW.registered_on, NEW.case_number
        WHERE NEW.name_words <> ''
    ON CONFLICT (application_id) DO UPDATE SET words = excluded.words,
        status = excluded.status, registered_on = excluded.registered_on,
        case_number = excluded.case_number;
END;
CREATE TRIGGER case_name_rows_of_deleted_case AFTER DELETE ON applications BEGIN
    DELETE FROM case_name_rows WHERE application_id = OLD.id;
END;
