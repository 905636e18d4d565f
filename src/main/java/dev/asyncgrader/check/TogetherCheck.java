package dev.asyncgrader.check;

import dev.asyncgrader.feedback.Messages;
import java.util.List;
import java.util.Map;

/** The {@code together} kind: all lines of the group come within a few tenths of a second of each other. */
final class TogetherCheck implements CheckKind<Check.Together> {

    @Override
    public String name() {
        return "together";
    }

    @Override
    public Check.Together read(CheckShape shape) {
        shape.only("group", "within");
        double within = shape.field("within").number(-1);
        if (within <= 0) {
            throw shape.field("within").error("is required: the largest gap in seconds, e.g. 0.2");
        }
        return new Check.Together(shape.info(), shape.group("group"), within);
    }

    @Override
    public List<String> feedbackValues() {
        return List.of("spread", "within");
    }

    @Override
    public CheckOutcome evaluate(Check.Together c, RunEvidence run) {
        ExpectedLine missing = run.firstMissing(List.of(c.group()));
        if (missing != null) {
            return new CheckOutcome.Unmeasurable(Messages.neverPrinted(missing.shown()));
        }
        if (run.group(c.group()).isEmpty()) {
            return new CheckOutcome.Passed(Map.of());
        }
        double spread = run.secondsAt(run.indexOf(Judging.latest(run, List.of(c.group()))))
                - run.secondsAt(run.indexOf(Judging.earliest(run, List.of(c.group()))));
        Map<String, Object> v =
                Judging.values("spread", Messages.seconds(spread), "within", Messages.seconds(c.within()));
        return spread <= c.within() ? new CheckOutcome.Passed(v) : new CheckOutcome.Failed(v);
    }
}
