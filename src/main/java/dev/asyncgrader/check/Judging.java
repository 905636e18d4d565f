package dev.asyncgrader.check;

import dev.asyncgrader.expr.Expression;
import dev.asyncgrader.expr.Values;
import dev.asyncgrader.feedback.Messages;
import dev.asyncgrader.fixture.FixtureLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** What several check kinds judge with: lines found first and last, bounds, a service's log, values for feedback. */
final class Judging {
    private Judging() {}

    static CheckOutcome withValue(CheckOutcome o, String key, Object value) {
        return switch (o) {
            case CheckOutcome.Passed p -> new CheckOutcome.Passed(plus(p.values(), key, value));
            case CheckOutcome.Failed f -> new CheckOutcome.Failed(plus(f.values(), key, value));
            case CheckOutcome.Unmeasurable u -> u;
        };
    }

    static Map<String, Object> plus(Map<String, Object> values, String key, Object value) {
        Map<String, Object> all = new LinkedHashMap<>(values);
        all.put(key, value);
        return all;
    }

    /** Judges a fixture check on the run's service log; without one there is nothing to judge. */
    static CheckOutcome withFixtureLog(RunEvidence run, Function<FixtureLog, CheckOutcome> judge) {
        FixtureLog log = run.fixtureLog();
        return log == null ? new CheckOutcome.Unmeasurable(Messages.noFixtureLog()) : judge.apply(log);
    }

    /** A list expression's values as text, e.g. the paths a fixture check names. */
    static List<String> texts(Expression list, RunEvidence run) {
        return Values.list(list.evaluate(run.variables())).stream()
                .map(Values::text)
                .toList();
    }

    /** Passes when {@code most} is within the optional bounds, evaluated for the run. */
    static CheckOutcome withinBounds(int most, Expression atLeast, Expression atMost, RunEvidence run) {
        Object low = atLeast == null ? null : atLeast.evaluate(run.variables());
        Object high = atMost == null ? null : atMost.evaluate(run.variables());
        Map<String, Object> v = values(
                "actual",
                most,
                "atLeast",
                low == null ? "" : Values.text(low),
                "atMost",
                high == null ? "" : Values.text(high));
        boolean ok = (low == null || most >= Values.number(low).intValue())
                && (high == null || most <= Values.number(high).intValue());
        return ok ? new CheckOutcome.Passed(v) : new CheckOutcome.Failed(v);
    }

    static ExpectedLine latest(RunEvidence run, List<String> groups) {
        ExpectedLine best = null;
        for (String g : groups) {
            for (ExpectedLine e : run.group(g)) {
                if (best == null || run.indexOf(e) > run.indexOf(best)) {
                    best = e;
                }
            }
        }
        return best;
    }

    static ExpectedLine earliest(RunEvidence run, List<String> groups) {
        ExpectedLine best = null;
        for (String g : groups) {
            for (ExpectedLine e : run.group(g)) {
                if (best == null || run.indexOf(e) < run.indexOf(best)) {
                    best = e;
                }
            }
        }
        return best;
    }

    static Map<String, Object> timing(String line, double actual, double expected) {
        return values("line", line, "actual", Messages.seconds(actual), "expected", Messages.seconds(expected));
    }

    static Map<String, Object> values(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
