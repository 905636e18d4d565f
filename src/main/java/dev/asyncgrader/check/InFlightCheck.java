package dev.asyncgrader.check;

import dev.asyncgrader.expr.Values;
import dev.asyncgrader.feedback.Messages;
import java.util.List;

/** The {@code in-flight} kind: the most elements between their start and end line at once, by line order, is in bounds. */
final class InFlightCheck implements CheckKind<Check.InFlight> {

    @Override
    public String name() {
        return "in-flight";
    }

    @Override
    public Check.InFlight read(CheckShape shape) {
        shape.only("starts", "ends", "atLeast", "atMost");
        if (!shape.has("atLeast") && !shape.has("atMost")) {
            throw shape.error("needs 'atLeast', 'atMost' or both");
        }
        return new Check.InFlight(
                shape.info(),
                shape.group("starts"),
                shape.group("ends"),
                shape.optional("atLeast"),
                shape.optional("atMost"));
    }

    @Override
    public List<String> feedbackValues() {
        return List.of("actual", "atLeast", "atMost");
    }

    @Override
    public CheckOutcome evaluate(Check.InFlight c, RunEvidence run) {
        List<ExpectedLine> starts = run.group(c.starts());
        List<ExpectedLine> ends = run.group(c.ends());
        int[] delta = new int[run.stdoutSize()];
        int started = 0;
        for (int k = 0; k < starts.size(); k++) {
            int s = run.indexOf(starts.get(k));
            if (s < 0) {
                continue;
            }
            started++;
            delta[s]++;
            int e = k < ends.size() ? run.indexOf(ends.get(k)) : -1;
            if (e > s) {
                delta[e]--;
            }
        }
        if (started == 0) {
            return new CheckOutcome.Unmeasurable(Messages.neverPrinted(
                    starts.isEmpty() ? c.starts() : starts.getFirst().shown()));
        }
        int now = 0, most = 0;
        for (int d : delta) {
            now += d;
            most = Math.max(most, now);
        }
        return Judging.withinBounds(most, c.atLeast(), c.atMost(), run);
    }

    @Override
    public List<String> rehearse(Check.InFlight f, Rehearsal r) {
        if (f.atLeast() != null) {
            Values.number(f.atLeast().evaluate(r.variables()));
        }
        if (f.atMost() != null) {
            Values.number(f.atMost().evaluate(r.variables()));
        }
        return List.of();
    }
}
