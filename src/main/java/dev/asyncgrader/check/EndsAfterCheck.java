package dev.asyncgrader.check;

import dev.asyncgrader.expr.Values;
import dev.asyncgrader.feedback.Messages;
import dev.asyncgrader.sandbox.RunOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code ends-after} kind: the process ends soon after the group's last line. */
final class EndsAfterCheck implements CheckKind<Check.EndsAfter> {

    @Override
    public String name() {
        return "ends-after";
    }

    @Override
    public Check.EndsAfter read(CheckShape shape) {
        shape.only("group", "wrong", "within");
        if (shape.has("wrong") && shape.has("within")) {
            throw shape.error("give either 'wrong' or 'within', not both");
        }
        return new Check.EndsAfter(
                shape.info(), shape.group("group"), shape.optional("wrong"), shape.optional("within"));
    }

    @Override
    public List<String> feedbackValues() {
        return List.of("actual", "within");
    }

    @Override
    public CheckOutcome evaluate(Check.EndsAfter c, RunEvidence run) {
        ExpectedLine missing = run.firstMissing(List.of(c.group()));
        if (missing != null) {
            return new CheckOutcome.Unmeasurable(Messages.neverPrinted(missing.shown()));
        }
        double within = bound(c, run.variables());
        if (!(run.transcript().outcome() instanceof RunOutcome.Exited)) {
            return new CheckOutcome.Failed(Judging.values("actual", "never", "within", Messages.seconds(within)));
        }
        ExpectedLine last = Judging.latest(run, List.of(c.group()));
        if (last == null) {
            return new CheckOutcome.Unmeasurable(Messages.printedNothing());
        }
        double actual = run.secondsToEnd() - run.secondsAt(run.indexOf(last));
        Map<String, Object> v = Judging.values("actual", Messages.seconds(actual), "within", Messages.seconds(within));
        return actual <= within ? new CheckOutcome.Passed(v) : new CheckOutcome.Failed(v);
    }

    @Override
    public List<String> rehearse(Check.EndsAfter e, Rehearsal r) {
        List<String> warnings = new ArrayList<>();
        Map<String, Object> vars = r.variables();
        if (e.wrong() != null) {
            double w = Values.seconds(e.wrong().evaluate(vars));
            if (w / 2 < 0.6) {
                warnings.add(r.where() + ": a wrong solution ends only " + Messages.seconds(w) + " s late; the bound "
                        + Messages.seconds(w / 2) + " s is too tight to hold under load");
            }
        }
        double bound = bound(e, vars);
        if (bound >= r.wallSeconds()) {
            warnings.add(
                    r.where() + ": the bound of " + Messages.seconds(bound) + " s is not shorter than the wall time"
                            + " limit, so a lingering program is stopped by the limit before this check can tell");
        }
        return warnings;
    }

    /** The longest the process may linger after the last line: {@code within}, else half of {@code wrong}, else 0.5 s. */
    private static double bound(Check.EndsAfter c, Map<String, Object> vars) {
        return c.within() != null
                ? Values.seconds(c.within().evaluate(vars))
                : c.wrong() != null ? Values.seconds(c.wrong().evaluate(vars)) / 2 : 0.5;
    }
}
