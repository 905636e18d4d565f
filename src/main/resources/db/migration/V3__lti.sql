-- LTI 1.3: single-use login states (each with its nonce), and the people platforms launched.
CREATE TABLE lti_logins (
    state       VARCHAR(64)  NOT NULL PRIMARY KEY,
    nonce       VARCHAR(64)  NOT NULL,
    platform    VARCHAR(40)  NOT NULL,
    expires_at  VARCHAR(40)  NOT NULL,
    used        INTEGER      NOT NULL          -- 1 once a launch presented it: a replay is refused
);

CREATE TABLE lti_people (
    subject        VARCHAR(200) NOT NULL PRIMARY KEY,  -- the grader's id for the person (student id)
    platform       VARCHAR(40)  NOT NULL,
    issuer         VARCHAR(500) NOT NULL,
    sub            VARCHAR(255) NOT NULL,
    name           VARCHAR(200),
    email          VARCHAR(320),
    last_launch_at VARCHAR(40)  NOT NULL
);
CREATE UNIQUE INDEX lti_people_identity ON lti_people (issuer, sub);

-- What a launch said about grade passback for one person and exercise (AGS endpoint claim).
CREATE TABLE lti_contexts (
    subject          VARCHAR(200)  NOT NULL,
    exercise_id      VARCHAR(100)  NOT NULL,
    platform         VARCHAR(40)   NOT NULL,
    sub              VARCHAR(255)  NOT NULL,
    resource_link_id VARCHAR(255),
    lineitem         VARCHAR(2000),
    lineitems        VARCHAR(2000),
    updated_at       VARCHAR(40)   NOT NULL,
    PRIMARY KEY (subject, exercise_id)
);

-- The outbox: calls owed to other systems (webhooks, LTI scores), written in the same transaction as the
-- result they carry, sent by one loop, retried with backoff, and resumed after a restart.
CREATE TABLE deliveries (
    id            VARCHAR(40)   NOT NULL PRIMARY KEY,
    kind          VARCHAR(20)   NOT NULL,      -- 'webhook' or 'lti-score'
    submission_id VARCHAR(40)   NOT NULL,
    payload       TEXT          NOT NULL,      -- JSON: what to send, complete (URL, body, timestamps)
    created_at    VARCHAR(40)   NOT NULL,
    attempts      INTEGER       NOT NULL,
    next_attempt  VARCHAR(40),                 -- null once delivered or given up
    delivered_at  VARCHAR(40),
    last_error    VARCHAR(2000)
);
CREATE INDEX deliveries_due ON deliveries (next_attempt);

-- Personal sign-in links for courses without LTI: minted by an LMS key for one student, expiring, revocable.
CREATE TABLE sign_in_links (
    id           VARCHAR(40)  NOT NULL PRIMARY KEY,
    token_sha256 VARCHAR(64)  NOT NULL,
    student      VARCHAR(200) NOT NULL,
    created_by   VARCHAR(200) NOT NULL,
    expires_at   VARCHAR(40)  NOT NULL,
    revoked      INTEGER      NOT NULL
);
CREATE UNIQUE INDEX sign_in_links_token ON sign_in_links (token_sha256);
