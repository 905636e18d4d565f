package dev.asyncgrader.sandbox;

import java.util.List;

/**
 * Everything the grader observed of one run: the stamped lines in order of arrival and how it ended.
 *
 * @param lines stdout and stderr lines, ordered by arrival stamp
 * @param outcome how the process ended
 * @param endNanos when the process ended, on the same clock as the lines
 */
public record RunTranscript(List<OutputLine> lines, RunOutcome outcome, long endNanos) {

    /** The stdout lines only, in order: what checks match against. */
    public List<OutputLine> stdout() {
        return lines.stream()
                .filter(l -> l.stream() == OutputLine.Stream.STDOUT)
                .toList();
    }

    /** Seconds from launch until the process ended. */
    public double wallSeconds() {
        return endNanos / 1e9;
    }
}
