package dev.asyncgrader.check;

import dev.asyncgrader.expr.Values;
import dev.asyncgrader.fixture.FixtureLog;
import java.util.List;
import java.util.Map;

/** The {@code fixture-order} kind: the requests for the paths started in that order. */
final class FixtureOrderCheck implements CheckKind<Check.FixtureOrder> {

    @Override
    public boolean needsFixture() {
        return true;
    }

    @Override
    public String name() {
        return "fixture-order";
    }

    @Override
    public Check.FixtureOrder read(CheckShape shape) {
        shape.only("paths");
        return new Check.FixtureOrder(shape.info(), shape.expression("paths"));
    }

    @Override
    public List<String> feedbackValues() {
        return List.of("expected", "actual");
    }

    @Override
    public CheckOutcome evaluate(Check.FixtureOrder c, RunEvidence run) {
        return Judging.withFixtureLog(run, log -> judge(c, run, log));
    }

    private static CheckOutcome judge(Check.FixtureOrder c, RunEvidence run, FixtureLog log) {
        List<String> wanted = Judging.texts(c.paths(), run);
        List<String> actual = log.requests().stream()
                .map(FixtureLog.Request::path)
                .filter(wanted::contains)
                .toList();
        Map<String, Object> v =
                Judging.values("expected", String.join(", ", wanted), "actual", String.join(", ", actual));
        return actual.equals(wanted) ? new CheckOutcome.Passed(v) : new CheckOutcome.Failed(v);
    }

    @Override
    public List<String> rehearse(Check.FixtureOrder f, Rehearsal r) {
        Values.list(f.paths().evaluate(r.variables()));
        return List.of();
    }
}
