package dev.asyncgrader.check;

import dev.asyncgrader.expr.Values;
import dev.asyncgrader.feedback.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code at} kind: each line of the group comes at its expected time after the first line, within tolerance. */
final class AtCheck implements CheckKind<Check.At> {

    @Override
    public String name() {
        return "at";
    }

    @Override
    public Check.At read(CheckShape shape) {
        shape.only("group", "at", "wrong");
        return new Check.At(shape.info(), shape.group("group"), shape.expression("at"), shape.optional("wrong"));
    }

    @Override
    public List<String> feedbackValues() {
        return List.of("line", "actual", "expected");
    }

    @Override
    public CheckOutcome evaluate(Check.At c, RunEvidence run) {
        ExpectedLine missing = run.firstMissing(List.of(c.group()));
        if (missing != null) {
            return new CheckOutcome.Unmeasurable(Messages.neverPrinted(missing.shown()));
        }
        for (ExpectedLine line : run.group(c.group())) {
            double expected = Values.seconds(c.at().evaluate(line.element()));
            Double wrong = c.wrong() == null ? null : Values.seconds(c.wrong().evaluate(line.element()));
            double actual = run.secondsAt(run.indexOf(line));
            if (!Tolerance.around(expected, wrong).contains(actual)) {
                return new CheckOutcome.Failed(Judging.timing(line.shown(), actual, expected));
            }
        }
        return new CheckOutcome.Passed(Map.of());
    }

    @Override
    public List<String> rehearse(Check.At a, Rehearsal r) {
        List<String> warnings = new ArrayList<>();
        for (ExpectedLine line : r.expectedLines().get(a.group())) {
            double e = Values.seconds(a.at().evaluate(line.element()));
            Double w = a.wrong() == null ? null : Values.seconds(a.wrong().evaluate(line.element()));
            r.warnMargin(warnings, r.where() + ", line \"" + line.shown() + "\"", e, w);
        }
        return warnings;
    }
}
