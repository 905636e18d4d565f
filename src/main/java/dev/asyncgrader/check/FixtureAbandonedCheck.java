package dev.asyncgrader.check;

import dev.asyncgrader.expr.Values;
import dev.asyncgrader.feedback.Messages;
import dev.asyncgrader.fixture.FixtureJudgement;
import dev.asyncgrader.fixture.FixtureLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code fixture-abandoned} kind: a request was abandoned by the client about the expected time after it started. */
final class FixtureAbandonedCheck implements CheckKind<Check.FixtureAbandoned> {

    @Override
    public boolean needsFixture() {
        return true;
    }

    @Override
    public String name() {
        return "fixture-abandoned";
    }

    @Override
    public Check.FixtureAbandoned read(CheckShape shape) {
        shape.only("path", "at", "wrong");
        return new Check.FixtureAbandoned(
                shape.info(), shape.template("path"), shape.expression("at"), shape.optional("wrong"));
    }

    @Override
    public List<String> feedbackValues() {
        return List.of("path", "actual", "expected", "outcome");
    }

    @Override
    public CheckOutcome evaluate(Check.FixtureAbandoned c, RunEvidence run) {
        return Judging.withFixtureLog(run, log -> judge(c, run, log));
    }

    private static CheckOutcome judge(Check.FixtureAbandoned c, RunEvidence run, FixtureLog log) {
        String path = c.path().render(run.variables());
        double expected = Values.seconds(c.at().evaluate(run.variables()));
        Double wrong = c.wrong() == null ? null : Values.seconds(c.wrong().evaluate(run.variables()));
        Tolerance tolerance = Tolerance.forServiceLog(expected, wrong);
        FixtureJudgement.Abandonment a = FixtureJudgement.abandonment(log, path, tolerance::contains);
        Map<String, Object> v = Judging.values(
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

    @Override
    public List<String> rehearse(Check.FixtureAbandoned f, Rehearsal r) {
        List<String> warnings = new ArrayList<>();
        f.path().render(r.variables());
        double e = Values.seconds(f.at().evaluate(r.variables()));
        Double w = f.wrong() == null ? null : Values.seconds(f.wrong().evaluate(r.variables()));
        r.warnMargin(warnings, r.where(), e, w);
        return warnings;
    }
}
