-- Submissions and their results. Portable SQL: no SQLite-only types or functions.
CREATE TABLE submissions (
    id              VARCHAR(40)  NOT NULL PRIMARY KEY,
    kind            VARCHAR(10)  NOT NULL,      -- 'grade' (scored, kept) or 'run' (scratch cell)
    exercise_id     VARCHAR(100) NOT NULL,
    student         VARCHAR(200) NOT NULL,
    files_json      TEXT         NOT NULL,
    status          VARCHAR(20)  NOT NULL,      -- queued, compiling, running, checking, done
    result_json     TEXT,
    score           DOUBLE PRECISION,
    max_score       DOUBLE PRECISION,
    grade_status    VARCHAR(20),
    callback_url    VARCHAR(2000),
    idempotency_key VARCHAR(200),
    submitted_by    VARCHAR(200) NOT NULL,      -- the API key's name or 'student:<id>'
    created_at      VARCHAR(40)  NOT NULL,
    finished_at     VARCHAR(40)
);
CREATE INDEX submissions_student ON submissions (student, exercise_id);
CREATE INDEX submissions_status ON submissions (status);
CREATE UNIQUE INDEX submissions_idempotency ON submissions (submitted_by, idempotency_key);

CREATE TABLE student_sessions (
    token_sha256 VARCHAR(64)  NOT NULL PRIMARY KEY,
    student      VARCHAR(200) NOT NULL,
    created_at   VARCHAR(40)  NOT NULL
);

CREATE TABLE webhook_deliveries (
    submission_id VARCHAR(40)  NOT NULL PRIMARY KEY,
    url           VARCHAR(2000) NOT NULL,
    attempts      INTEGER      NOT NULL,
    delivered     INTEGER      NOT NULL,
    last_error    VARCHAR(2000),
    next_attempt  VARCHAR(40)
);
