-- Files a Jobe client (Moodle CodeRunner) PUT for its runs' file_list, kept so that every node serves them.
CREATE TABLE jobe_files (
    id          VARCHAR(200) NOT NULL PRIMARY KEY,
    contents    TEXT         NOT NULL,          -- base64 of the bytes, as the client sent them
    created_at  VARCHAR(40)  NOT NULL
);
