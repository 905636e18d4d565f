package dev.asyncgrader.check;

import java.util.Map;

/** The result of one check on one run. */
public sealed interface CheckOutcome {

    /** The property holds. {@code values} are the measurements, for reports. */
    record Passed(Map<String, Object> values) implements CheckOutcome {}

    /** The property does not hold; {@code values} fill in the check's feedback template. */
    record Failed(Map<String, Object> values) implements CheckOutcome {}

    /**
     * The property cannot be judged because the lines it is about are missing; {@code reason} is the
     * student-facing explanation used instead of the check's own feedback.
     */
    record Unmeasurable(String reason) implements CheckOutcome {}

    default boolean passed() {
        return this instanceof Passed;
    }
}
