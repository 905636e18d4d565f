package dev.asyncgrader.grading;

import dev.asyncgrader.compile.CompileDiagnostic;
import java.util.List;

/**
 * The verdict on one submission: score, status, each check's result and what each run printed.
 *
 * @param feedback one line per problem, most important first, for the instructor or LMS: it may quote hidden
 *     runs' arguments and output
 * @param studentFeedback the same problems as a student may read them: nothing from a hidden run's arguments,
 *     output or error stream
 * @param gradingMillis how long grading took, compile and all runs included
 */
public record GradeResult(
        String exercise,
        String student,
        GradeStatus status,
        double score,
        double maxScore,
        List<String> feedback,
        List<String> studentFeedback,
        List<CompileDiagnostic> compileErrors,
        List<CheckReport> checks,
        List<RunReport> runs,
        String gradedAt,
        long gradingMillis) {

    public boolean fullMarks() {
        return status == GradeStatus.GRADED && score >= maxScore;
    }

    /**
     * One check's result over all runs it applies to.
     *
     * @param passed whether {@code outcome} is {@link CheckResult#PASSED} (kept for clients that read only this)
     * @param feedback why it failed or was not run, for the instructor or LMS (may quote a hidden run); null if it
     *     passed
     * @param studentFeedback the same as a student may read it; null if it passed
     * @param run where it first failed, or null
     * @param runHidden whether {@code run} is a hidden run
     */
    public record CheckReport(
            String name,
            CheckResult outcome,
            boolean passed,
            double points,
            double maxPoints,
            String feedback,
            String studentFeedback,
            String run,
            boolean runHidden) {}

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
