package dev.asyncgrader.store;

import java.util.Locale;

/** What a stored submission is for: graded and scored, or a scratch run of the visible runs only. */
public enum SubmissionKind {
    /** Submitted for a score (Submit; {@code POST /api/v1/submissions}): every run, hidden tests, kept in history. */
    GRADE,
    /** A scratch run (Run; {@code POST /api/v1/runs}): the example runs only, not scored, not in history. */
    RUN;

    /** The name in the store and in the API's {@code kind}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static SubmissionKind fromWire(String name) {
        for (SubmissionKind k : values()) {
            if (k.wireName().equals(name)) {
                return k;
            }
        }
        throw new IllegalStateException("a submission of unknown kind '" + name + "' in the store");
    }
}
