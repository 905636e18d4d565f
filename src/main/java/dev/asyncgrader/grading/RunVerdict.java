package dev.asyncgrader.grading;

import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.feedback.Messages;
import dev.asyncgrader.sandbox.OutputLine;
import dev.asyncgrader.sandbox.RunOutcome;
import dev.asyncgrader.sandbox.RunTranscript;
import java.util.List;

/**
 * The status the runs' outcomes give a grading, and why, said for the instructor and for the student.
 *
 * @param message null when every run exited with 0
 * @param studentMessage the message without a hidden run's error output; null when {@code message} is
 */
record RunVerdict(GradeStatus status, String message, String studentMessage) {

    /**
     * The verdict of the first run, in the plan's order rather than of finishing, that did not end well, so the
     * same program gets the same verdict.
     */
    static RunVerdict of(Exercise exercise, List<RunResult> made) {
        for (RunResult r : made) {
            String runLabel = r.run().name();
            switch (r.transcript().outcome()) {
                case RunOutcome.Exited e when e.code() == 0 -> {}
                case RunOutcome.Exited e -> {
                    String message = Messages.crashed(runLabel, e.code(), lastError(r.transcript()));
                    // A hidden run's error output may quote its arguments: the student gets no line of it.
                    return new RunVerdict(
                            GradeStatus.CRASHED,
                            message,
                            r.run().hidden() ? Messages.crashedOnHiddenRun(runLabel, e.code()) : message);
                }
                case RunOutcome.TimedOut t -> {
                    return new RunVerdict(
                            GradeStatus.TIMEOUT,
                            Messages.timedOut(runLabel, t.limit().toMillis() / 1000.0),
                            null);
                }
                case RunOutcome.OutputLimitExceeded o -> {
                    return new RunVerdict(GradeStatus.OUTPUT_LIMIT, Messages.outputLimit(runLabel, o.limit()), null);
                }
                case RunOutcome.LimitExceeded l -> {
                    return new RunVerdict(
                            GradeStatus.CRASHED,
                            Messages.limitExceeded(
                                    runLabel, l.limit(), exercise.limits().memoryMb()),
                            null);
                }
                case RunOutcome.FailedToStart f -> {
                    return new RunVerdict(GradeStatus.INTERNAL_ERROR, Messages.failedToStart(f.reason()), null);
                }
            }
        }
        return new RunVerdict(GradeStatus.GRADED, null, null);
    }

    /** The message for the student: the same as the instructor's unless a hidden run's output had to go. */
    String messageForStudent() {
        return studentMessage != null ? studentMessage : message;
    }

    private static String lastError(RunTranscript t) {
        return t.lines().stream()
                .filter(l -> l.stream() == OutputLine.Stream.STDERR
                        && !l.text().startsWith("\tat ")
                        && !l.text().isBlank())
                .map(OutputLine::text)
                .findFirst()
                .orElse(null);
    }
}
