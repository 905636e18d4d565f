-- Scale-out: leases on submissions (claims by many workers, fenced by token), events in the store (SSE from
-- any API node, Last-Event-ID replay), claims on deliveries. Lease times are milliseconds since 1970 by the
-- database's own clock, so that workers on machines with different clocks judge them alike.
ALTER TABLE submissions ADD COLUMN lease_token VARCHAR(40);
ALTER TABLE submissions ADD COLUMN lease_expires BIGINT;
ALTER TABLE submissions ADD COLUMN leased_by VARCHAR(200);
ALTER TABLE submissions ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE submissions ADD COLUMN stop_requested INTEGER NOT NULL DEFAULT 0;  -- 1: a student pressed Stop on a scratch run
CREATE INDEX submissions_claim ON submissions (status, created_at);

CREATE TABLE submission_events (
    submission_id VARCHAR(40)  NOT NULL,
    seq           INTEGER      NOT NULL,       -- 1, 2, ... per submission: the SSE id for Last-Event-ID
    name          VARCHAR(20)  NOT NULL,       -- status, stream, check, result
    data_json     TEXT         NOT NULL,
    hidden_run    INTEGER      NOT NULL,       -- 1: output of a run whose arguments students must not see
    written_by    VARCHAR(200),                -- the worker holding the lease; null for the API's own events
    created_at    VARCHAR(40)  NOT NULL,
    PRIMARY KEY (submission_id, seq)
);

ALTER TABLE deliveries ADD COLUMN lease_token VARCHAR(40);
ALTER TABLE deliveries ADD COLUMN lease_expires BIGINT;
