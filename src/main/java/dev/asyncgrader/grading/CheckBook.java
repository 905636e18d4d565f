package dev.asyncgrader.grading;

import dev.asyncgrader.check.Check;
import dev.asyncgrader.check.CheckEvaluator;
import dev.asyncgrader.check.CheckOutcome;
import dev.asyncgrader.check.RunEvidence;
import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.expr.ExpressionException;
import dev.asyncgrader.feedback.Messages;
import java.util.HashMap;
import java.util.Map;

/**
 * The checks' judgments as runs finish: each check's tally, and the moment it is decided (every run it applies to
 * has been judged), when the listener hears of it. Thread-safe: runs finish on their own threads.
 */
final class CheckBook {
    private final Exercise exercise;
    private final RunPlan plan;
    private final GradingListener listener;
    private final Map<String, CheckTally> tallies = new HashMap<>();

    CheckBook(Exercise exercise, RunPlan plan, GradingListener listener) {
        this.exercise = exercise;
        this.plan = plan;
        this.listener = listener;
    }

    /** Judges every check that applies to the finished run; announces the checks this run decides. */
    void judge(RunResult r) {
        int index = plan.indexOf(r.run());
        for (Check check : exercise.checks()) {
            if (!(check instanceof Check.UnitTest)
                    && check.info().appliesTo(r.run().name())) {
                CheckOutcome outcome = evaluate(check, r.evidence());
                GradeResult.CheckReport decided;
                synchronized (this) {
                    CheckTally tally = tallies.computeIfAbsent(check.info().name(), k -> new CheckTally());
                    tally.add(check, outcome, r.run(), r.evidence().variables(), index);
                    decided = tally.judged == applicable(check) ? report(check) : null;
                }
                if (decided != null) {
                    listener.check(decided);
                }
            }
        }
    }

    /** Records the hidden tests' outcome for every test check, or {@code fixed} for all when they could not run. */
    void judgeTests(CheckOutcome fixed, RunEvidence evidence) {
        for (Check check : exercise.checks()) {
            if (check instanceof Check.UnitTest) {
                CheckOutcome o = fixed != null ? fixed : evaluate(check, evidence);
                GradeResult.CheckReport decided;
                synchronized (this) {
                    tallies.computeIfAbsent(check.info().name(), k -> new CheckTally())
                            .add(
                                    check,
                                    o,
                                    RunPlan.TEST_RUN,
                                    Map.of(),
                                    plan.runs().size());
                    decided = report(check);
                }
                listener.check(decided);
            }
        }
    }

    /** The check's report once grading is over; checks never decided (not run) are announced now. */
    synchronized GradeResult.CheckReport finalReport(Check check) {
        CheckTally tally = tallies.get(check.info().name());
        GradeResult.CheckReport r = report(check);
        if (tally == null || tally.judged < applicable(check)) {
            listener.check(r);
        }
        return r;
    }

    private static CheckOutcome evaluate(Check check, RunEvidence evidence) {
        try {
            return CheckEvaluator.evaluate(check, evidence);
        } catch (ExpressionException e) {
            throw new IllegalStateException("check '" + check.info().name() + "': " + e.getMessage(), e);
        }
    }

    private long applicable(Check check) {
        return check instanceof Check.UnitTest
                ? (plan.testsDue() ? 1 : 0)
                : plan.runs().stream()
                        .filter(r -> check.info().appliesTo(r.name()))
                        .count();
    }

    /**
     * A check's result: it passes only if it passed on every one of its runs; it was not run if no run failed it
     * but not every run judged it (or none applies, as in a scratch run).
     */
    private GradeResult.CheckReport report(Check check) {
        CheckTally tally = tallies.getOrDefault(check.info().name(), new CheckTally());
        long applicable = applicable(check);
        CheckResult outcome;
        String text;
        String studentText;
        if (tally.failure != null) {
            outcome = CheckResult.FAILED;
            text = tally.failure;
            studentText = tally.studentFailure;
        } else if (applicable > 0 && tally.judged == applicable) {
            outcome = CheckResult.PASSED;
            text = null;
            studentText = null;
        } else {
            outcome = CheckResult.NOT_RUN;
            text = applicable == 0 ? Messages.notRunInScratch() : Messages.notChecked();
            studentText = text;
        }
        boolean passed = outcome == CheckResult.PASSED;
        return new GradeResult.CheckReport(
                check.info().name(),
                outcome,
                passed,
                passed ? check.info().points() : 0,
                check.info().points(),
                text,
                studentText,
                tally.failedRun,
                tally.failedRunHidden);
    }
}
