package dev.asyncgrader.check;

import java.util.List;
import java.util.Map;

/** The {@code lines} kind: every expected line of the groups is printed; with {@code exact}, nothing else on stdout. */
final class LinesCheck implements CheckKind<Check.Lines> {

    @Override
    public String name() {
        return "lines";
    }

    @Override
    public Check.Lines read(CheckShape shape) {
        shape.only("groups", "exact");
        return new Check.Lines(
                shape.info(), shape.groups("groups"), shape.field("exact").bool(false));
    }

    @Override
    public List<String> feedbackValues() {
        return List.of("missing", "extra", "count");
    }

    @Override
    public CheckOutcome evaluate(Check.Lines c, RunEvidence run) {
        ExpectedLine missing = run.firstMissing(c.groups());
        int expected = c.groups().stream().mapToInt(g -> run.group(g).size()).sum();
        String extra = "";
        for (int i = 0; i < run.stdoutSize(); i++) {
            if (!run.matchedByAny(i, c.groups())) {
                extra = run.textAt(i);
                break;
            }
        }
        Map<String, Object> v =
                Judging.values("missing", missing == null ? "" : missing.shown(), "extra", extra, "count", expected);
        boolean ok = missing == null && (!c.exact() || extra.isEmpty());
        return ok ? new CheckOutcome.Passed(v) : new CheckOutcome.Failed(v);
    }
}
