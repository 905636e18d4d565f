package dev.asyncgrader.unittest;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The results of one hidden-test run, valid only as a whole: a result reported twice for the same test, or for a
 * test that was not in the run's plan, makes the whole report invalid, and then no test counts.
 *
 * @param results test id ({@code Class#method}) to its result; a method run several times (repeated or
 *     parameterized) keeps its first failure
 * @param complete whether every planned test reported
 * @param invalid why the report as a whole cannot be trusted, or null
 */
public record TestReport(
        Map<String, Result> results,
        boolean complete,
        @Nullable String invalid) {

    /** One test's result: {@code SUCCESSFUL}, {@code FAILED}, {@code ABORTED} or {@code SKIPPED}, and why. */
    public record Result(String status, String message) {
        public boolean passed() {
            return status.equals("SUCCESSFUL");
        }
    }

    /** A report that credits nothing, for the reason given. */
    public static TestReport invalid(String why) {
        return new TestReport(Map.of(), false, why);
    }

    /** Collects results as the launcher reports them; thread-safe (tests may end on timeout threads). */
    static final class Collector {
        private final Map<String, Result> results = new LinkedHashMap<>();
        private final Set<String> reported = new HashSet<>();
        private @Nullable String invalid;

        synchronized void add(String uniqueId, boolean planned, String test, Result result) {
            if (!planned) {
                invalid = "a result came for " + test + ", which is not one of the tests that ran";
            } else if (!reported.add(uniqueId)) {
                invalid = "the test " + test + " was reported twice";
            }
            Result before = results.get(test);
            if (before == null || before.passed()) {
                results.put(test, result);
            }
        }

        synchronized TestReport finish() {
            return invalid != null ? invalid(invalid) : new TestReport(Map.copyOf(results), true, null);
        }
    }
}
