package dev.asyncgrader.check;

import dev.asyncgrader.expr.Values;
import dev.asyncgrader.feedback.Messages;
import java.util.List;
import java.util.Map;

/** The {@code sorted} kind: the group's lines come in ascending order of a value, ties within {@code tie}. */
final class SortedCheck implements CheckKind<Check.Sorted> {

    @Override
    public String name() {
        return "sorted";
    }

    @Override
    public Check.Sorted read(CheckShape shape) {
        shape.only("group", "by", "tie");
        return new Check.Sorted(
                shape.info(),
                shape.group("group"),
                shape.expression("by"),
                shape.field("tie").number(0));
    }

    @Override
    public List<String> feedbackValues() {
        return List.of("earlier", "later");
    }

    @Override
    public CheckOutcome evaluate(Check.Sorted c, RunEvidence run) {
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
                    return new CheckOutcome.Failed(Judging.values("earlier", a.shown(), "later", b.shown()));
                }
            }
        }
        return new CheckOutcome.Passed(Map.of());
    }

    @Override
    public List<String> rehearse(Check.Sorted s, Rehearsal r) {
        for (ExpectedLine line : r.expectedLines().get(s.group())) {
            Values.seconds(s.by().evaluate(line.element()));
        }
        return List.of();
    }
}
