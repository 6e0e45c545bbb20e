-- The inbox answers its two broad searches from one index each instead of looking every match up
-- in `applications`:
-- * a service's cases: each requested service keeps its case's status, day and number (copied
--   when the case is registered or its status changes), so counting and paging them reads only
--   `application_services_inbox`;
-- * a name: the folded words of the person's name (`applications.name_words`, set at
--   registration) in a full-text index with prefix queries (`"kowal"* AND "hal"*`), kept by the
--   triggers below.

ALTER TABLE application_services ADD COLUMN case_status TEXT NOT NULL DEFAULT 'draft';
ALTER TABLE application_services ADD COLUMN registered_on TEXT;
ALTER TABLE application_services ADD COLUMN case_number TEXT;
UPDATE application_services SET (case_status, registered_on, case_number) =
    (SELECT status, registered_on, case_number FROM applications a WHERE a.id = application_id);
CREATE INDEX application_services_inbox
    ON application_services (service_id, case_status, registered_on, case_number);

ALTER TABLE applications ADD COLUMN name_words TEXT NOT NULL DEFAULT '';
UPDATE applications SET name_words = COALESCE(
    (SELECT group_concat(word, ' ') FROM case_words w WHERE w.application_id = applications.id), '');
DROP TABLE case_words;

CREATE VIRTUAL TABLE case_names USING fts5 (
    words,
    application_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
INSERT INTO case_names (words, application_id)
    SELECT name_words, id FROM applications WHERE name_words <> '';

CREATE TRIGGER case_names_insert AFTER INSERT ON applications WHEN NEW.name_words <> '' BEGIN
    INSERT INTO case_names (words, application_id) VALUES (NEW.name_words, NEW.id);
END;
-- Names change rarely (registration sets them once): the delete may scan the index.
CREATE TRIGGER case_names_update AFTER UPDATE OF name_words ON applications
WHEN NEW.name_words IS NOT OLD.name_words BEGIN
    DELETE FROM case_names WHERE OLD.name_words <> '' AND application_id = OLD.id;
    INSERT INTO case_names (words, application_id)
        SELECT NEW.name_words, NEW.id WHERE NEW.name_words <> '';
END;
CREATE TRIGGER case_names_delete AFTER DELETE ON applications WHEN OLD.name_words <> '' BEGIN
    DELETE FROM case_names WHERE application_id = OLD.id;
END;
