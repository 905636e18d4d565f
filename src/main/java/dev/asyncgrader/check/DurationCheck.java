package dev.asyncgrader.check;

import dev.asyncgrader.expr.Values;
import dev.asyncgrader.feedback.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code duration} kind: from the first line to the last (or the last of a group) takes about the expected time. */
final class DurationCheck implements CheckKind<Check.Duration> {

    @Override
    public String name() {
        return "duration";
    }

    @Override
    public Check.Duration read(CheckShape shape) {
        shape.only("expected", "wrong", "until");
        return new Check.Duration(
                shape.info(),
                shape.expression("expected"),
                shape.optional("wrong"),
                shape.has("until") ? shape.group("until") : null);
    }

    @Override
    public List<String> feedbackValues() {
        return List.of("line", "actual", "expected");
    }

    @Override
    public CheckOutcome evaluate(Check.Duration c, RunEvidence run) {
        if (run.printedNothing()) {
            return new CheckOutcome.Unmeasurable(Messages.printedNothing());
        }
        int until;
        if (c.until() != null) {
            ExpectedLine missing = run.firstMissing(List.of(c.until()));
            if (missing != null) {
                return new CheckOutcome.Unmeasurable(Messages.neverPrinted(missing.shown()));
            }
            until = run.indexOf(Judging.latest(run, List.of(c.until())));
        } else {
            until = run.stdoutSize() - 1;
        }
        double expected = Values.seconds(c.expected().evaluate(run.variables()));
        Double wrong = c.wrong() == null ? null : Values.seconds(c.wrong().evaluate(run.variables()));
        double actual = run.secondsAt(until);
        Map<String, Object> v = Judging.timing(run.textAt(until), actual, expected);
        return Tolerance.around(expected, wrong).contains(actual)
                ? new CheckOutcome.Passed(v)
                : new CheckOutcome.Failed(v);
    }

    @Override
    public List<String> rehearse(Check.Duration d, Rehearsal r) {
        List<String> warnings = new ArrayList<>();
        double e = Values.seconds(d.expected().evaluate(r.variables()));
        Double w = d.wrong() == null ? null : Values.seconds(d.wrong().evaluate(r.variables()));
        r.warnMargin(warnings, r.where(), e, w);
        return warnings;
    }
}
