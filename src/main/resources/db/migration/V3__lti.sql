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
