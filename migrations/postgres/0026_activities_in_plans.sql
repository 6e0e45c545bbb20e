-- Activities in the programme and in individual plans: an activity can be one of the
-- programme's supporting activities, and a sign-up can be made by the coordinator for the
-- person of a case (from the plan's section E), so the plan lists the person's activities.
ALTER TABLE community_activities ADD COLUMN supporting_activity_id TEXT;
ALTER TABLE activity_registrations ADD COLUMN application_id TEXT REFERENCES applications (id);
CREATE INDEX activity_registrations_of_case ON activity_registrations (application_id);
CREATE INDEX activity_registrations_of_user ON activity_registrations (user_id);
