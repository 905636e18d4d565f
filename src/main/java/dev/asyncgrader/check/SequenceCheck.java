package dev.asyncgrader.check;

import dev.asyncgrader.feedback.Messages;
import java.util.List;
import java.util.Map;

/** The {@code sequence} kind: the group's lines come in the group's own order. */
final class SequenceCheck implements CheckKind<Check.Sequence> {

    @Override
    public String name() {
        return "sequence";
    }

    @Override
    public Check.Sequence read(CheckShape shape) {
        shape.only("group");
        return new Check.Sequence(shape.info(), shape.group("group"));
    }

    @Override
    public List<String> feedbackValues() {
        return List.of("expected", "actual");
    }

    @Override
    public CheckOutcome evaluate(Check.Sequence c, RunEvidence run) {
        List<ExpectedLine> lines = run.group(c.group());
        ExpectedLine missing = run.firstMissing(List.of(c.group()));
        if (missing != null) {
            return new CheckOutcome.Unmeasurable(Messages.neverPrinted(missing.shown()));
        }
        for (int i = 1; i < lines.size(); i++) {
            if (run.indexOf(lines.get(i - 1)) > run.indexOf(lines.get(i))) {
                List<String> actual = lines.stream()
                        .sorted((a, b) -> Integer.compare(run.indexOf(a), run.indexOf(b)))
                        .map(ExpectedLine::shown)
                        .toList();
                return new CheckOutcome.Failed(Judging.values(
                        "expected",
                                String.join(
                                        ", ",
                                        lines.stream().map(ExpectedLine::shown).toList()),
                        "actual", String.join(", ", actual)));
            }
        }
        return new CheckOutcome.Passed(Map.of());
    }
}
