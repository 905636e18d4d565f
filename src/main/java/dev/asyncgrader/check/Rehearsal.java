package dev.asyncgrader.check;

import dev.asyncgrader.feedback.Messages;
import java.util.List;
import java.util.Map;

/**
 * What a check is rehearsed with when its exercise loads, for one run: every expression is evaluated on the run's
 * arguments, so a broken one fails at load rather than in a student's grading, and narrow timing margins are
 * warned about.
 *
 * @param where the check and run, for warnings
 * @param variables the run's arguments and derived values
 * @param expectedLines the run's expected lines by group
 * @param wallSeconds the exercise's wall time limit
 */
public record Rehearsal(
        String where,
        Map<String, Object> variables,
        Map<String, List<ExpectedLine>> expectedLines,
        double wallSeconds) {

    /** Warns when the right and the wrong time are so close that load could blur them. */
    void warnMargin(List<String> warnings, String what, double expected, Double wrong) {
        double margin = Tolerance.margin(expected, wrong);
        if (margin < 0.5) {
            warnings.add(what + ": right (" + Messages.seconds(expected) + " s) and wrong (" + Messages.seconds(wrong)
                    + " s) are only " + Messages.seconds(2 * margin)
                    + " s apart; choose arguments at least 1 s apart so load cannot blur them");
        }
    }
}
