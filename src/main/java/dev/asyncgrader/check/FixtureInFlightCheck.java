package dev.asyncgrader.check;

import dev.asyncgrader.expr.Values;
import dev.asyncgrader.fixture.FixtureJudgement;
import dev.asyncgrader.fixture.FixtureLog;
import java.util.List;

/** The {@code fixture-in-flight} kind: the simulated service saw at least/at most this many requests open at once. */
final class FixtureInFlightCheck implements CheckKind<Check.FixtureInFlight> {

    @Override
    public boolean needsFixture() {
        return true;
    }

    @Override
    public String name() {
        return "fixture-in-flight";
    }

    @Override
    public Check.FixtureInFlight read(CheckShape shape) {
        shape.only("atLeast", "atMost");
        if (!shape.has("atLeast") && !shape.has("atMost")) {
            throw shape.error("needs 'atLeast', 'atMost' or both");
        }
        return new Check.FixtureInFlight(shape.info(), shape.optional("atLeast"), shape.optional("atMost"));
    }

    @Override
    public List<String> feedbackValues() {
        return List.of("actual", "atLeast", "atMost", "abandoned", "repeated");
    }

    @Override
    public CheckOutcome evaluate(Check.FixtureInFlight c, RunEvidence run) {
        return Judging.withFixtureLog(run, log -> judge(c, run, log));
    }

    private static CheckOutcome judge(Check.FixtureInFlight c, RunEvidence run, FixtureLog log) {
        // Served in full only; a lower bound counts only paths asked for once (see FixtureJudgement).
        FixtureJudgement.Overlap overlap = FixtureJudgement.overlap(log);
        CheckOutcome low = Judging.withinBounds(overlap.servedOnce(), c.atLeast(), null, run);
        CheckOutcome high = Judging.withinBounds(overlap.served(), null, c.atMost(), run);
        CheckOutcome o =
                c.atMost() == null ? low : c.atLeast() == null || low instanceof CheckOutcome.Passed ? high : low;
        return Judging.withValue(
                Judging.withValue(o, "abandoned", overlap.abandonedIgnored()), "repeated", overlap.repeatedIgnored());
    }

    @Override
    public List<String> rehearse(Check.FixtureInFlight f, Rehearsal r) {
        if (f.atLeast() != null) {
            Values.number(f.atLeast().evaluate(r.variables()));
        }
        if (f.atMost() != null) {
            Values.number(f.atMost().evaluate(r.variables()));
        }
        return List.of();
    }
}
