package dev.asyncgrader.grading;

import dev.asyncgrader.compile.CompileDiagnostic;
import java.util.List;

/**
 * The verdict on one submission: score, status, each check's result and what each run printed.
 *
 * @param feedback one line per problem, in a student's words, most important first
 * @param gradingMillis how long grading took, compile and all runs included
 */
public record GradeResult(
        String exercise,
        String student,
        GradeStatus status,
        double score,
        double maxScore,
        List<String> feedback,
        List<CompileDiagnostic> compileErrors,
        List<CheckReport> checks,
        List<RunReport> runs,
        String gradedAt,
        long gradingMillis) {

    public boolean fullMarks() {
        return status == GradeStatus.GRADED && score >= maxScore;
    }

    /** One check's result over all runs it applies to. {@code run} is where it first failed, or null. */
    public record CheckReport(
            String name, boolean passed, double points, double maxPoints, String feedback, String run) {}

    /**
     * What one run did.
     *
     * @param startupMs from launching the JVM to its first output line
     * @param durationMs from the first output line to the end of the process
     * @param lines output lines with {@code t}, ms since the first output line; at most {@link #MAX_LINES}
     * @param tasks one bar per task where the exercise declares a timeline, else empty
     */
    public record RunReport(
            String name,
            boolean hidden,
            List<String> args,
            String outcome,
            Integer exitCode,
            long startupMs,
            long durationMs,
            List<Line> lines,
            boolean truncated,
            List<TaskBar> tasks) {
        public static final int MAX_LINES = 500;
    }

    /**
     * One task of a run, from its start line to its end line (ms since the first output line), for the
     * timeline picture; {@code endMs} is null if the task never printed its end line.
     */
    public record TaskBar(String label, long startMs, Long endMs) {}

    /** A captured line: {@code t} ms since the first output line, {@code stream} "out" or "err". */
    public record Line(long t, String stream, String text) {}
}
