-- The lock the replicas elect their leader with (Spring Integration's JDBC lock registry; its own
-- INT_LOCK schema for H2 and PostgreSQL, which agree). Only the leader runs the control loop.
-- LOCK_KEY is a UUID made from the lock's name; CLIENT_ID is the holder's replica id, wider than
-- Spring Integration's CHAR(36) so that it can name the host or pod; EXPIRED_AFTER is in UTC.
CREATE TABLE int_lock (
    lock_key       CHAR(36)     NOT NULL,
    region         VARCHAR(100) NOT NULL,
    client_id      VARCHAR(255),
    created_date   TIMESTAMP    NOT NULL,
    expired_after  TIMESTAMP    NOT NULL,
    CONSTRAINT int_lock_pk PRIMARY KEY (lock_key, region)
);
