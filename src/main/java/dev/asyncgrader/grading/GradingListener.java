package dev.asyncgrader.grading;

import dev.asyncgrader.sandbox.OutputLine;

/** Receives grading progress as it happens, e.g. to stream it to a browser. All methods default to nothing. */
public interface GradingListener {
    GradingListener NONE = new GradingListener() {};

    /** A phase began: "compiling", "running", "checking". */
    default void phase(String phase) {}

    /** A run printed a line. */
    default void line(String run, OutputLine line) {}
}
