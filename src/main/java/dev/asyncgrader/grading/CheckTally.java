package dev.asyncgrader.grading;

import dev.asyncgrader.check.Check;
import dev.asyncgrader.check.CheckOutcome;
import dev.asyncgrader.exercise.RunSpec;
import dev.asyncgrader.feedback.Messages;
import java.util.HashMap;
import java.util.Map;

/**
 * One check's judgments over the runs: how many runs judged it, and the text of its first failure twice: for the
 * instructor, rendered with that run's values and arguments, and for the student, which for a hidden run says only
 * which check failed on how large an input. Not thread-safe: its {@link CheckBook} guards it.
 */
final class CheckTally {
    int judged;
    String failure;
    String studentFailure;
    String failedRun;
    boolean failedRunHidden;
    /** The plan position of the run that failed, so the first failure in the plan wins whatever finished first. */
    int failedIndex = Integer.MAX_VALUE;

    void add(Check check, CheckOutcome outcome, RunSpec run, Map<String, Object> vars, int index) {
        judged++;
        if (outcome instanceof CheckOutcome.Passed || index > failedIndex) {
            return;
        }
        String note = run.hidden() ? " (on a hidden test run)" : "";
        failure = switch (outcome) {
            case CheckOutcome.Passed p -> throw new AssertionError("returned above");
            case CheckOutcome.Failed f -> {
                Map<String, Object> scope = new HashMap<>(vars);
                scope.put("run", run.name());
                scope.putAll(f.values());
                yield check.info().feedback().render(scope) + note;
            }
            case CheckOutcome.Unmeasurable u -> u.reason() + note;
        };
        failedIndex = index;
        failedRun = run.name();
        failedRunHidden = run.hidden();
        if (!run.hidden()) {
            studentFailure = failure;
        } else if (check instanceof Check.UnitTest) {
            // The harness's own reasons (tests cut short, not compiling) quote no input; a test's failure may.
            studentFailure = outcome instanceof CheckOutcome.Unmeasurable u
                    ? u.reason()
                    : Messages.failedHiddenTest(check.info().name());
        } else {
            studentFailure =
                    Messages.failedOnHiddenRun(check.info().name(), run.args().size());
        }
    }
}
