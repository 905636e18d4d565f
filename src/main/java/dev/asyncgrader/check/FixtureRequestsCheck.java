package dev.asyncgrader.check;

import dev.asyncgrader.expr.Values;
import dev.asyncgrader.fixture.FixtureJudgement;
import dev.asyncgrader.fixture.FixtureLog;
import java.util.List;
import java.util.Map;

/** The {@code fixture-requests} kind: the simulated service was asked for every path; with {@code exact}, nothing else. */
final class FixtureRequestsCheck implements CheckKind<Check.FixtureRequests> {

    @Override
    public boolean needsFixture() {
        return true;
    }

    @Override
    public String name() {
        return "fixture-requests";
    }

    @Override
    public Check.FixtureRequests read(CheckShape shape) {
        shape.only("paths", "exact");
        return new Check.FixtureRequests(
                shape.info(), shape.expression("paths"), shape.field("exact").bool(false));
    }

    @Override
    public List<String> feedbackValues() {
        return List.of("missing", "extra", "count");
    }

    @Override
    public CheckOutcome evaluate(Check.FixtureRequests c, RunEvidence run) {
        return Judging.withFixtureLog(run, log -> judge(c, run, log));
    }

    private static CheckOutcome judge(Check.FixtureRequests c, RunEvidence run, FixtureLog log) {
        FixtureJudgement.Requests r = FixtureJudgement.requests(log, Judging.texts(c.paths(), run), c.exact());
        Map<String, Object> v = Judging.values("missing", r.missing(), "extra", r.extra(), "count", r.count());
        return r.missing().isEmpty() && r.extra().isEmpty() ? new CheckOutcome.Passed(v) : new CheckOutcome.Failed(v);
    }

    @Override
    public List<String> rehearse(Check.FixtureRequests f, Rehearsal r) {
        Values.list(f.paths().evaluate(r.variables()));
        return List.of();
    }
}
