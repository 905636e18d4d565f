package dev.asyncgrader.web;

/**
 * Who is calling: an LMS (any student's work) or a student in a browser session (only their own).
 *
 * @param name the API key's name, or {@code student:<id>}
 * @param student the student's id for a student session, else null
 */
record Principal(String name, String student) {

    boolean isLms() {
        return student == null;
    }

    /** Whether this caller may act on {@code someStudent}'s work. */
    boolean mayAccess(String someStudent) {
        return isLms() || student.equals(someStudent);
    }
}
