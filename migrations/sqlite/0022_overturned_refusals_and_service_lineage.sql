-- A refusal overturned (on appeal, or by the authority itself, KPA art. 132): the day, after
-- which the service is qualified again.
ALTER TABLE decisions ADD COLUMN overturned_on TEXT;

-- The service of the previous programme version a service was copied from: how a plan moves
-- onto a new version of the programme with its services mapped.
ALTER TABLE services ADD COLUMN copied_from TEXT;
