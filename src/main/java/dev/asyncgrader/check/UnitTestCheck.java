package dev.asyncgrader.check;

import dev.asyncgrader.feedback.Messages;
import dev.asyncgrader.unittest.TestReport;
import java.util.List;

/** The {@code test} kind: a hidden or public JUnit test passes, judged on the test run's verified report. */
final class UnitTestCheck implements CheckKind<Check.UnitTest> {

    @Override
    public String name() {
        return "test";
    }

    @Override
    public Check.UnitTest read(CheckShape shape) {
        shape.only("test");
        return new Check.UnitTest(shape.info(), shape.field("test").text());
    }

    @Override
    public List<String> feedbackValues() {
        return List.of("test", "message");
    }

    @Override
    public CheckOutcome evaluate(Check.UnitTest c, RunEvidence run) {
        TestReport report = run.testReport();
        if (report == null) {
            return new CheckOutcome.Unmeasurable(Messages.testsNotRun());
        }
        if (report.invalid() != null) {
            return new CheckOutcome.Failed(Judging.values("test", c.test(), "message", report.invalid()));
        }
        boolean wholeClass = !c.test().contains("#");
        int matched = 0;
        for (var e : report.results().entrySet()) {
            boolean selected = wholeClass
                    ? e.getKey().startsWith(c.test() + "#")
                    : e.getKey().equals(c.test());
            if (!selected) {
                continue;
            }
            matched++;
            if (!e.getValue().passed()) {
                return new CheckOutcome.Failed(Judging.values(
                        "test", e.getKey(), "message", e.getValue().message()));
            }
        }
        if (matched == 0 || (wholeClass && !report.complete())) {
            // No verified result: the tests were cut short (System.exit, a halt, a killed runner) or faked.
            return new CheckOutcome.Failed(Judging.values("test", c.test(), "message", Messages.testsCutShort()));
        }
        return new CheckOutcome.Passed(Judging.values("test", c.test(), "message", ""));
    }
}
