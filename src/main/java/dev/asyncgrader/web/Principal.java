package dev.asyncgrader.web;

/**
 * Who is calling: an LMS (any student's work), an instructor (any student's work, through a session), or a
 * student in a browser session (only their own).
 *
 * @param name the API key's name, or {@code student:<id>} / {@code instructor:<id>} for a session
 * @param student the student's id for a student session, else null
 * @param role what the caller may see and do
 * @param displayName a person's name to show on the page (from the LMS), or the id when none is known
 */
record Principal(String name, String student, Role role, String displayName) {

    /** What a caller may see and do; stored with each session by its lower-case name. */
    enum Role {
        /** A learning platform holding an API key: acts for any student, sees every run. */
        LMS,
        /** A course's instructor or teaching assistant: sees every student's work and every run. */
        INSTRUCTOR,
        /** A student: sees and submits only their own work, never a hidden run's inputs. */
        STUDENT;

        String storedName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Role ofStored(String stored) {
            return valueOf(stored.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** An LMS holding the API key named {@code keyName}. */
    static Principal lms(String keyName) {
        return new Principal(keyName, null, Role.LMS, keyName);
    }

    /** Whether this caller sees every student's work and every run in full (the LMS/instructor view). */
    boolean seesAll() {
        return role != Role.STUDENT;
    }

    /** Whether this caller is an LMS key (not a person in a browser session). */
    boolean isLms() {
        return role == Role.LMS;
    }

    /** Whether this caller may act on {@code someStudent}'s work. */
    boolean mayAccess(String someStudent) {
        return seesAll() || student.equals(someStudent);
    }
}
