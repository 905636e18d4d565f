package dev.asyncgrader.check;

import dev.asyncgrader.feedback.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code before} kind: every line of the first groups comes before every line of the then groups. */
final class BeforeCheck implements CheckKind<Check.Before> {

    @Override
    public String name() {
        return "before";
    }

    @Override
    public Check.Before read(CheckShape shape) {
        shape.only("first", "then");
        return new Check.Before(shape.info(), shape.groups("first"), shape.groups("then"));
    }

    @Override
    public List<String> feedbackValues() {
        return List.of("early", "late");
    }

    @Override
    public CheckOutcome evaluate(Check.Before c, RunEvidence run) {
        List<String> both = new ArrayList<>(c.first());
        both.addAll(c.then());
        ExpectedLine missing = run.firstMissing(both);
        if (missing != null) {
            return new CheckOutcome.Unmeasurable(Messages.neverPrinted(missing.shown()));
        }
        ExpectedLine lastFirst = Judging.latest(run, c.first());
        ExpectedLine earliestThen = Judging.earliest(run, c.then());
        if (lastFirst == null || earliestThen == null || run.indexOf(lastFirst) < run.indexOf(earliestThen)) {
            return new CheckOutcome.Passed(Map.of());
        }
        return new CheckOutcome.Failed(Judging.values(
                "early", run.textAt(run.indexOf(earliestThen)), "late", run.textAt(run.indexOf(lastFirst))));
    }
}
