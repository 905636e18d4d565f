package dev.asyncgrader.grading;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How one check ended over a submission's runs, as written in results ({@code passed}, {@code failed}, {@code not_run}). */
public enum CheckResult {
    /** It held on every run it applies to, all of them made. */
    PASSED,
    /** It failed on at least one run. */
    FAILED,
    /**
     * It was not judged: none of its runs was made (a scratch run leaves out hidden runs and tests) or the
     * runs it needed were skipped after an earlier run had to be stopped. It earns no points and is no failure.
     */
    NOT_RUN;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
