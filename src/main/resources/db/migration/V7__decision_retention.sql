-- The retention job looks for the oldest decisions of all groups at once; decision_group_time
-- leads with the group, so without this index every run would read the whole table.
CREATE INDEX decision_evaluated_at ON decision (evaluated_at);
