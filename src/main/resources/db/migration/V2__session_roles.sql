-- Sessions carry who opened them (student or instructor), a name to show, and an expiry.
ALTER TABLE student_sessions ADD COLUMN role VARCHAR(20) NOT NULL DEFAULT 'student';
ALTER TABLE student_sessions ADD COLUMN display_name VARCHAR(200);
ALTER TABLE student_sessions ADD COLUMN expires_at VARCHAR(40);
