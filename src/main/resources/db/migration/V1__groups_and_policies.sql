-- One schema for H2 (MODE=PostgreSQL) and PostgreSQL: only types and syntax both accept.
CREATE TABLE scaling_group (
    name                     VARCHAR(64)  NOT NULL PRIMARY KEY,
    auto_scaling_group_name  VARCHAR(255) NOT NULL,
    region                   VARCHAR(32)  NOT NULL,
    min_capacity             INTEGER,
    max_capacity             INTEGER,
    evaluation_interval_ms   BIGINT       NOT NULL,
    mode                     VARCHAR(16)  NOT NULL,
    created_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at               TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE scaling_policy (
    group_name   VARCHAR(64)  NOT NULL REFERENCES scaling_group (name) ON DELETE CASCADE,
    name         VARCHAR(64)  NOT NULL,
    type         VARCHAR(32)  NOT NULL,
    spec         TEXT         NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (group_name, name)
);
