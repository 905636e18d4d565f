package dev.asyncgrader.grading;

import dev.asyncgrader.check.Check;
import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.RunSpec;
import dev.asyncgrader.sandbox.RunLimits;
import java.time.Duration;
import java.util.List;

/**
 * What one grading makes: which runs, whether the hidden tests are due, and whether they go beside the runs or
 * after them.
 *
 * @param runs the runs in the exercise's order, which is the order of statuses and first failures
 * @param testsDue whether the exercise's hidden tests are judged (never in a scratch run)
 * @param testsBeside whether the hidden tests run at the same time as the runs
 */
record RunPlan(List<RunSpec> runs, boolean testsDue, boolean testsBeside) {

    /** The pseudo-run in which the exercise's JUnit tests run against the submission. */
    static final RunSpec TEST_RUN = new RunSpec("tests", List.of(), true);

    /** The plan for {@code exercise}; with {@code visibleRunsOnly} (a scratch run), its visible runs alone. */
    static RunPlan of(Exercise exercise, boolean visibleRunsOnly) {
        List<RunSpec> runs = visibleRunsOnly
                ? exercise.runs().stream().filter(r -> !r.hidden()).toList()
                : exercise.runs();
        boolean testsDue = !visibleRunsOnly && exercise.checks().stream().anyMatch(c -> c instanceof Check.UnitTest);
        // The hidden tests' programs mostly wait, as the runs' do: they go beside the runs, so a verdict takes about
        // the longest of them. Not where a run keeps a core (CPU-heavy: the tests would wait for one past their
        // time limit) or judges by a simulated service's clock (those go one at a time).
        boolean testsBeside = testsDue && !exercise.cpuHeavy() && exercise.fixture() == null;
        return new RunPlan(runs, testsDue, testsBeside);
    }

    /** The limits of one run of {@code exercise}'s program, given {@code wall} seconds of wall time. */
    static RunLimits limits(Exercise exercise, Duration wall) {
        return new RunLimits(
                wall,
                exercise.limits().memoryMb(),
                exercise.limits().outputLines(),
                exercise.limits().outputBytes(),
                exercise.cpus());
    }

    /** The plan position of {@code run}, so the first failure in the plan wins whatever finished first. */
    int indexOf(RunSpec run) {
        return runs.indexOf(run);
    }
}
