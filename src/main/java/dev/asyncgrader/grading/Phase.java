package dev.asyncgrader.grading;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a submission is on its way to a verdict, as stored and as streamed ({@code queued}, ... {@code done}). */
public enum Phase {
    QUEUED,
    COMPILING,
    /** The program's runs are going (all at once); progress says how many have finished. */
    RUNNING,
    /** The exercise's hidden JUnit tests are going against the submission. */
    TESTING,
    CHECKING,
    DONE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
