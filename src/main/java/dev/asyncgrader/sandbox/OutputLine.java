package dev.asyncgrader.sandbox;

/**
 * One line a program printed, stamped by the grader's monotonic clock when it arrived.
 *
 * @param nanos nanoseconds from the launch of the process to the arrival of the line
 */
public record OutputLine(long nanos, Stream stream, String text) {

    /** Which of the program's output streams a line came from. */
    public enum Stream {
        STDOUT,
        STDERR
    }

    public double seconds() {
        return nanos / 1e9;
    }
}
