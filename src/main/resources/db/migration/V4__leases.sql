-- CI pre-scale leases: temporary capacity floors with a TTL. One schema for H2 (MODE=PostgreSQL)
-- and PostgreSQL. No foreign key to scaling_group: when a group is deleted its leases are released,
-- and the released rows stay as the record of what the pipelines asked for.
CREATE TABLE lease (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    group_name   VARCHAR(64)  NOT NULL,
    capacity     INTEGER      NOT NULL,
    ttl_ms       BIGINT       NOT NULL,
    reason       VARCHAR(500),
    client_key   VARCHAR(128),
    state        VARCHAR(16)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    ready_at     TIMESTAMP WITH TIME ZONE,
    released_at  TIMESTAMP WITH TIME ZONE,
    in_service   INTEGER      NOT NULL,
    healthy      INTEGER      NOT NULL,
    -- Idempotency: a pipeline that retries with its key gets its lease back, never a second one.
    -- Both databases treat NULL keys as distinct, so leases without a key are not constrained.
    CONSTRAINT lease_client_key UNIQUE (group_name, client_key)
);

CREATE INDEX lease_group_state ON lease (group_name, state);
