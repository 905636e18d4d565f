package dev.asyncgrader.grading;

import dev.asyncgrader.sandbox.OutputLine;

/**
 * Receives grading progress as it happens, e.g. to stream it to a browser. Methods may be called from several
 * threads at once (a submission's runs go at the same time). All methods default to nothing.
 */
public interface GradingListener {
    GradingListener NONE = new GradingListener() {};

    /**
     * A phase began or moved on. While {@link Phase#RUNNING} or {@link Phase#TESTING}, {@code step} of
     * {@code steps} says how far: the runs finished so far plus one (the hidden tests count as the last step);
     * otherwise both are 0.
     */
    default void phase(Phase phase, int step, int steps) {}

    /** A run printed a line. */
    default void line(String run, OutputLine line) {}

    /** A check was decided: every run it needs has finished. Said once per check, before the result. */
    default void check(GradeResult.CheckReport check) {}
}
