package dev.asyncgrader.grading;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How grading a submission ended, as written in results and gradebooks. */
public enum GradeStatus {
    /** Every run ended normally and every check was judged. */
    GRADED,
    COMPILE_ERROR,
    /** A run was still going at its wall-clock limit. */
    TIMEOUT,
    /** A run ended with a non-zero exit code (an uncaught exception, System.exit(1), a killed JVM). */
    CRASHED,
    OUTPUT_LIMIT,
    /** The submission was refused before compiling: too large, too many files, bad names. */
    REJECTED,
    /** The grader itself failed; the submission deserves another try, not a score. */
    INTERNAL_ERROR;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
