package dev.asyncgrader.check;

import dev.asyncgrader.expr.Expression;
import dev.asyncgrader.expr.Values;
import dev.asyncgrader.feedback.Messages;
import dev.asyncgrader.fixture.FixtureJudgement;
import dev.asyncgrader.fixture.FixtureLog;
import dev.asyncgrader.sandbox.RunOutcome;
import dev.asyncgrader.unittest.TestReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Judges checks against a run's evidence. */
public final class CheckEvaluator {
    private CheckEvaluator() {}

    /** The names a check's feedback template may use besides {@code run} and the run's arguments. */
    public static List<String> feedbackValues(Check check) {
        return switch (check) {
            case Check.Lines c -> List.of("missing", "extra", "count");
            case Check.Before c -> List.of("early", "late");
            case Check.Sequence c -> List.of("expected", "actual");
            case Check.Sorted c -> List.of("earlier", "later");
            case Check.At c -> List.of("line", "actual", "expected");
            case Check.Duration c -> List.of("line", "actual", "expected");
            case Check.Together c -> List.of("spread", "within");
            case Check.EndsAfter c -> List.of("actual", "within");
            case Check.InFlight c -> List.of("actual", "atLeast", "atMost");
            case Check.UnitTest c -> List.of("test", "message");
            case Check.FixtureInFlight c -> List.of("actual", "atLeast", "atMost", "abandoned", "repeated");
            case Check.FixtureRequests c -> List.of("missing", "extra", "count");
            case Check.FixtureAbandoned c -> List.of("path", "actual", "expected", "outcome");
            case Check.FixtureOrder c -> List.of("expected", "actual");
            case Check.Exit c -> List.of("code", "status");
        };
    }

    public static CheckOutcome evaluate(Check check, RunEvidence run) {
        return switch (check) {
            case Check.Lines c -> lines(c, run);
            case Check.Before c -> before(c, run);
            case Check.Sequence c -> sequence(c, run);
            case Check.Sorted c -> sorted(c, run);
            case Check.At c -> at(c, run);
            case Check.Duration c -> duration(c, run);
            case Check.Together c -> together(c, run);
            case Check.EndsAfter c -> endsAfter(c, run);
            case Check.InFlight c -> inFlight(c, run);
            case Check.UnitTest c -> unitTest(c, run);
            case Check.FixtureInFlight c -> withFixtureLog(run, log -> fixtureInFlight(c, run, log));
            case Check.FixtureRequests c -> withFixtureLog(run, log -> fixtureRequests(c, run, log));
            case Check.FixtureAbandoned c -> withFixtureLog(run, log -> fixtureAbandoned(c, run, log));
            case Check.FixtureOrder c -> withFixtureLog(run, log -> fixtureOrder(c, run, log));
            case Check.Exit c -> exit(c, run);
        };
    }

    private static CheckOutcome lines(Check.Lines c, RunEvidence run) {
        ExpectedLine missing = run.firstMissing(c.groups());
        int expected = c.groups().stream().mapToInt(g -> run.group(g).size()).sum();
        String extra = "";
        for (int i = 0; i < run.stdoutSize(); i++) {
            if (!run.matchedByAny(i, c.groups())) {
                extra = run.textAt(i);
                break;
            }
        }
        Map<String, Object> v =
                values("missing", missing == null ? "" : missing.shown(), "extra", extra, "count", expected);
        boolean ok = missing == null && (!c.exact() || extra.isEmpty());
        return ok ? new CheckOutcome.Passed(v) : new CheckOutcome.Failed(v);
    }

    private static CheckOutcome before(Check.Before c, RunEvidence run) {
        List<String> both = new ArrayList<>(c.first());
        both.addAll(c.then());
        ExpectedLine missing = run.firstMissing(both);
        if (missing != null) {
            return new CheckOutcome.Unmeasurable(Messages.neverPrinted(missing.shown()));
        }
        ExpectedLine lastFirst = latest(run, c.first());
        ExpectedLine earliestThen = earliest(run, c.then());
        if (lastFirst == null || earliestThen == null || run.indexOf(lastFirst) < run.indexOf(earliestThen)) {
            return new CheckOutcome.Passed(Map.of());
        }
        return new CheckOutcome.Failed(
                values("early", run.textAt(run.indexOf(earliestThen)), "late", run.textAt(run.indexOf(lastFirst))));
    }

    private static CheckOutcome sequence(Check.Sequence c, RunEvidence run) {
        List<ExpectedLine> lines = run.group(c.group());
        ExpectedLine missing = run.firstMissing(List.of(c.group()));
        if (missing != null) {
            return new CheckOutcome.Unmeasurable(Messages.neverPrinted(missing.shown()));
        }
        for (int i = 1; i < lines.size(); i++) {
            if (run.indexOf(lines.get(i - 1)) > run.indexOf(lines.get(i))) {
                List<String> actual = lines.stream()
                        .sorted((a, b) -> Integer.compare(run.indexOf(a), run.indexOf(b)))
                        .map(ExpectedLine::shown)
                        .toList();
                return new CheckOutcome.Failed(values(
                        "expected",
                                String.join(
                                        ", ",
                                        lines.stream().map(ExpectedLine::shown).toList()),
                        "actual", String.join(", ", actual)));
            }
        }
        return new CheckOutcome.Passed(Map.of());
    }

    private static CheckOutcome sorted(Check.Sorted c, RunEvidence run) {
        List<ExpectedLine> lines = run.group(c.group());
        ExpectedLine missing = run.firstMissing(List.of(c.group()));
        if (missing != null) {
            return new CheckOutcome.Unmeasurable(Messages.neverPrinted(missing.shown()));
        }
        for (ExpectedLine a : lines) {
            for (ExpectedLine b : lines) {
                double ka = Values.seconds(c.by().evaluate(a.element()));
                double kb = Values.seconds(c.by().evaluate(b.element()));
                if (ka + c.tie() < kb && run.indexOf(a) > run.indexOf(b)) {
                    return new CheckOutcome.Failed(values("earlier", a.shown(), "later", b.shown()));
                }
            }
        }
        return new CheckOutcome.Passed(Map.of());
    }

    private static CheckOutcome at(Check.At c, RunEvidence run) {
        ExpectedLine missing = run.firstMissing(List.of(c.group()));
        if (missing != null) {
            return new CheckOutcome.Unmeasurable(Messages.neverPrinted(missing.shown()));
        }
        for (ExpectedLine line : run.group(c.group())) {
            double expected = Values.seconds(c.at().evaluate(line.element()));
            Double wrong = c.wrong() == null ? null : Values.seconds(c.wrong().evaluate(line.element()));
            double actual = run.secondsAt(run.indexOf(line));
            if (!Tolerance.around(expected, wrong).contains(actual)) {
                return new CheckOutcome.Failed(timing(line.shown(), actual, expected));
            }
        }
        return new CheckOutcome.Passed(Map.of());
    }

    private static CheckOutcome duration(Check.Duration c, RunEvidence run) {
        if (run.printedNothing()) {
            return new CheckOutcome.Unmeasurable(Messages.printedNothing());
        }
        int until;
        if (c.until() != null) {
            ExpectedLine missing = run.firstMissing(List.of(c.until()));
            if (missing != null) {
                return new CheckOutcome.Unmeasurable(Messages.neverPrinted(missing.shown()));
            }
            until = run.indexOf(latest(run, List.of(c.until())));
        } else {
            until = run.stdoutSize() - 1;
        }
        double expected = Values.seconds(c.expected().evaluate(run.variables()));
        Double wrong = c.wrong() == null ? null : Values.seconds(c.wrong().evaluate(run.variables()));
        double actual = run.secondsAt(until);
        Map<String, Object> v = timing(run.textAt(until), actual, expected);
        return Tolerance.around(expected, wrong).contains(actual)
                ? new CheckOutcome.Passed(v)
                : new CheckOutcome.Failed(v);
    }

    private static CheckOutcome together(Check.Together c, RunEvidence run) {
        ExpectedLine missing = run.firstMissing(List.of(c.group()));
        if (missing != null) {
            return new CheckOutcome.Unmeasurable(Messages.neverPrinted(missing.shown()));
        }
        if (run.group(c.group()).isEmpty()) {
            return new CheckOutcome.Passed(Map.of());
        }
        double spread = run.secondsAt(run.indexOf(latest(run, List.of(c.group()))))
                - run.secondsAt(run.indexOf(earliest(run, List.of(c.group()))));
        Map<String, Object> v = values("spread", Messages.seconds(spread), "within", Messages.seconds(c.within()));
        return spread <= c.within() ? new CheckOutcome.Passed(v) : new CheckOutcome.Failed(v);
    }

    private static CheckOutcome endsAfter(Check.EndsAfter c, RunEvidence run) {
        ExpectedLine missing = run.firstMissing(List.of(c.group()));
        if (missing != null) {
            return new CheckOutcome.Unmeasurable(Messages.neverPrinted(missing.shown()));
        }
        double within = c.within() != null
                ? Values.seconds(c.within().evaluate(run.variables()))
                : c.wrong() != null ? Values.seconds(c.wrong().evaluate(run.variables())) / 2 : 0.5;
        if (!(run.transcript().outcome() instanceof RunOutcome.Exited)) {
            return new CheckOutcome.Failed(values("actual", "never", "within", Messages.seconds(within)));
        }
        ExpectedLine last = latest(run, List.of(c.group()));
        if (last == null) {
            return new CheckOutcome.Unmeasurable(Messages.printedNothing());
        }
        double actual = run.secondsToEnd() - run.secondsAt(run.indexOf(last));
        Map<String, Object> v = values("actual", Messages.seconds(actual), "within", Messages.seconds(within));
        return actual <= within ? new CheckOutcome.Passed(v) : new CheckOutcome.Failed(v);
    }

    private static CheckOutcome inFlight(Check.InFlight c, RunEvidence run) {
        List<ExpectedLine> starts = run.group(c.starts());
        List<ExpectedLine> ends = run.group(c.ends());
        int[] delta = new int[run.stdoutSize()];
        int started = 0;
        for (int k = 0; k < starts.size(); k++) {
            int s = run.indexOf(starts.get(k));
            if (s < 0) {
                continue;
            }
            started++;
            delta[s]++;
            int e = k < ends.size() ? run.indexOf(ends.get(k)) : -1;
            if (e > s) {
                delta[e]--;
            }
        }
        if (started == 0) {
            return new CheckOutcome.Unmeasurable(Messages.neverPrinted(
                    starts.isEmpty() ? c.starts() : starts.getFirst().shown()));
        }
        int now = 0, most = 0;
        for (int d : delta) {
            now += d;
            most = Math.max(most, now);
        }
        return withinBounds(most, c.atLeast(), c.atMost(), run);
    }

    private static CheckOutcome unitTest(Check.UnitTest c, RunEvidence run) {
        TestReport report = run.testReport();
        if (report == null) {
            return new CheckOutcome.Unmeasurable(Messages.testsNotRun());
        }
        if (report.invalid() != null) {
            return new CheckOutcome.Failed(values("test", c.test(), "message", report.invalid()));
        }
        boolean wholeClass = !c.test().contains("#");
        int matched = 0;
        for (var e : report.results().entrySet()) {
            boolean selected = wholeClass
                    ? e.getKey().startsWith(c.test() + "#")
                    : e.getKey().equals(c.test());
            if (!selected) {
                continue;
            }
            matched++;
            if (!e.getValue().passed()) {
                return new CheckOutcome.Failed(
                        values("test", e.getKey(), "message", e.getValue().message()));
            }
        }
        if (matched == 0 || (wholeClass && !report.complete())) {
            // No verified result: the tests were cut short (System.exit, a halt, a killed runner) or faked.
            return new CheckOutcome.Failed(values("test", c.test(), "message", Messages.testsCutShort()));
        }
        return new CheckOutcome.Passed(values("test", c.test(), "message", ""));
    }

    private static CheckOutcome fixtureInFlight(Check.FixtureInFlight c, RunEvidence run, FixtureLog log) {
        // Served in full only; a lower bound counts only paths asked for once (see FixtureJudgement).
        FixtureJudgement.Overlap overlap = FixtureJudgement.overlap(log);
        CheckOutcome low = withinBounds(overlap.servedOnce(), c.atLeast(), null, run);
        CheckOutcome high = withinBounds(overlap.served(), null, c.atMost(), run);
        CheckOutcome o =
                c.atMost() == null ? low : c.atLeast() == null || low instanceof CheckOutcome.Passed ? high : low;
        return withValue(withValue(o, "abandoned", overlap.abandonedIgnored()), "repeated", overlap.repeatedIgnored());
    }

    private static CheckOutcome withValue(CheckOutcome o, String key, Object value) {
        return switch (o) {
            case CheckOutcome.Passed p -> new CheckOutcome.Passed(plus(p.values(), key, value));
            case CheckOutcome.Failed f -> new CheckOutcome.Failed(plus(f.values(), key, value));
            case CheckOutcome.Unmeasurable u -> u;
        };
    }

    private static Map<String, Object> plus(Map<String, Object> values, String key, Object value) {
        Map<String, Object> all = new LinkedHashMap<>(values);
        all.put(key, value);
        return all;
    }

    /** Judges a fixture check on the run's service log; without one there is nothing to judge. */
    private static CheckOutcome withFixtureLog(RunEvidence run, Function<FixtureLog, CheckOutcome> judge) {
        FixtureLog log = run.fixtureLog();
        return log == null ? new CheckOutcome.Unmeasurable(Messages.noFixtureLog()) : judge.apply(log);
    }

    /** A list expression's values as text, e.g. the paths a fixture check names. */
    private static List<String> texts(Expression list, RunEvidence run) {
        return Values.list(list.evaluate(run.variables())).stream()
                .map(Values::text)
                .toList();
    }

    /** Passes when {@code most} is within the optional bounds, evaluated for the run. */
    private static CheckOutcome withinBounds(int most, Expression atLeast, Expression atMost, RunEvidence run) {
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

    private static CheckOutcome fixtureRequests(Check.FixtureRequests c, RunEvidence run, FixtureLog log) {
        FixtureJudgement.Requests r = FixtureJudgement.requests(log, texts(c.paths(), run), c.exact());
        Map<String, Object> v = values("missing", r.missing(), "extra", r.extra(), "count", r.count());
        return r.missing().isEmpty() && r.extra().isEmpty() ? new CheckOutcome.Passed(v) : new CheckOutcome.Failed(v);
    }

    private static CheckOutcome fixtureAbandoned(Check.FixtureAbandoned c, RunEvidence run, FixtureLog log) {
        String path = c.path().render(run.variables());
        double expected = Values.seconds(c.at().evaluate(run.variables()));
        Double wrong = c.wrong() == null ? null : Values.seconds(c.wrong().evaluate(run.variables()));
        Tolerance tolerance = Tolerance.forServiceLog(expected, wrong);
        FixtureJudgement.Abandonment a = FixtureJudgement.abandonment(log, path, tolerance::contains);
        Map<String, Object> v = values(
                "path",
                path,
                "actual",
                a.requests() == 0 ? "" : Messages.seconds(a.seconds()),
                "expected",
                Messages.seconds(expected),
                "outcome",
                a.outcome());
        return a.ok() ? new CheckOutcome.Passed(v) : new CheckOutcome.Failed(v);
    }

    private static CheckOutcome fixtureOrder(Check.FixtureOrder c, RunEvidence run, FixtureLog log) {
        List<String> wanted = texts(c.paths(), run);
        List<String> actual = log.requests().stream()
                .map(FixtureLog.Request::path)
                .filter(wanted::contains)
                .toList();
        Map<String, Object> v = values("expected", String.join(", ", wanted), "actual", String.join(", ", actual));
        return actual.equals(wanted) ? new CheckOutcome.Passed(v) : new CheckOutcome.Failed(v);
    }

    private static CheckOutcome exit(Check.Exit c, RunEvidence run) {
        return switch (run.transcript().outcome()) {
            case RunOutcome.Exited e when e.code() == c.code() -> new CheckOutcome.Passed(values("code", e.code()));
            case RunOutcome.Exited e ->
                new CheckOutcome.Failed(values("code", e.code(), "status", "exited with code " + e.code()));
            case RunOutcome.TimedOut t ->
                new CheckOutcome.Failed(values("code", "", "status", "still running at the time limit"));
            case RunOutcome.OutputLimitExceeded o ->
                new CheckOutcome.Failed(values("code", "", "status", "stopped for printing too much"));
            case RunOutcome.LimitExceeded l ->
                new CheckOutcome.Failed(values("code", "", "status", "stopped for using too many " + l.limit()));
            case RunOutcome.FailedToStart f -> new CheckOutcome.Failed(values("code", "", "status", "could not start"));
        };
    }

    private static ExpectedLine latest(RunEvidence run, List<String> groups) {
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

    private static ExpectedLine earliest(RunEvidence run, List<String> groups) {
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

    private static Map<String, Object> timing(String line, double actual, double expected) {
        return values("line", line, "actual", Messages.seconds(actual), "expected", Messages.seconds(expected));
    }

    private static Map<String, Object> values(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
