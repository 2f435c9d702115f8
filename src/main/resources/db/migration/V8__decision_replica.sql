-- Which replica made each decision (its leadership replica id, as in the lock table): with several
-- replicas the audit trail shows who acted on the fleet and when leadership moved. NULL on the
-- decisions stored before this column existed.
ALTER TABLE decision ADD COLUMN replica VARCHAR(255);
