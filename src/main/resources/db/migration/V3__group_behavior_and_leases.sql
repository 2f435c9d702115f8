-- The group's default scaling behaviour (the same JSON document as a policy's behavior) and whether
-- a CI lease may lift the group's maximum.
ALTER TABLE scaling_group ADD COLUMN behavior TEXT;
ALTER TABLE scaling_group ADD COLUMN leases_may_raise_max BOOLEAN DEFAULT FALSE NOT NULL;
