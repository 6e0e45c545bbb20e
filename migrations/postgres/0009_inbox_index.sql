-- The inbox answers its two broad searches from one index each instead of looking every match up
-- in `applications`:
-- * a service's cases: each requested service keeps its case's status, day and number (copied
--   when the case is registered or its status changes), so counting and paging them reads only
--   `application_services_inbox`;
-- * a name: the folded words of the person's name (`applications.name_words`, set at
--   registration) in a full-text index with prefix queries (`kowal:* & hal:*`).

ALTER TABLE application_services ADD COLUMN case_status TEXT NOT NULL DEFAULT 'draft';
ALTER TABLE application_services ADD COLUMN registered_on TEXT;
ALTER TABLE application_services ADD COLUMN case_number TEXT;
UPDATE application_services SET (case_status, registered_on, case_number) =
    (SELECT status, registered_on, case_number FROM applications a WHERE a.id = application_id);
CREATE INDEX application_services_inbox
    ON application_services (service_id, case_status, registered_on, case_number);

ALTER TABLE applications ADD COLUMN name_words TEXT NOT NULL DEFAULT '';
UPDATE applications SET name_words = COALESCE(
    (SELECT string_agg(word, ' ') FROM case_words w WHERE w.application_id = applications.id), '');
DROP TABLE case_words;
CREATE INDEX applications_name_words ON applications USING GIN (to_tsvector('simple', name_words));
