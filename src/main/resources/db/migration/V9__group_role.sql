-- The IAM role assumed to reach a group in another account; NULL for the service's own account.
-- (V8 is left to the decisions' replica column, developed alongside.)
ALTER TABLE scaling_group ADD COLUMN role_arn VARCHAR(2048);
