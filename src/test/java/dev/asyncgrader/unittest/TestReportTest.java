package dev.asyncgrader.unittest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncgrader.check.Check;
import dev.asyncgrader.check.CheckEvaluator;
import dev.asyncgrader.check.CheckInfo;
import dev.asyncgrader.check.CheckOutcome;
import dev.asyncgrader.check.RunEvidence;
import dev.asyncgrader.expr.Template;
import dev.asyncgrader.sandbox.RunOutcome;
import dev.asyncgrader.sandbox.RunTranscript;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The hidden-test report is valid only as a whole. */
class TestReportTest {
    static final TestReport.Result OK = new TestReport.Result("SUCCESSFUL", "");

    @Test
    void aTestReportedTwice_voidsTheWholeReport() {
        TestReport.Collector c = new TestReport.Collector();
        c.add("[engine:junit-jupiter]/[class:T]/[method:a()]", true, "T#a", OK);
        c.add("[engine:junit-jupiter]/[class:T]/[method:b()]", true, "T#b", OK);
        c.add("[engine:junit-jupiter]/[class:T]/[method:a()]", true, "T#a", OK);
        TestReport r = c.finish();
        assertEquals(Map.of(), r.results());
        assertTrue(r.invalid().contains("T#a was reported twice"), r.invalid());
    }

    @Test
    void aResultForATestNotInThePlan_voidsTheWholeReport() {
        TestReport.Collector c = new TestReport.Collector();
        c.add("[engine:junit-jupiter]/[class:T]/[method:a()]", true, "T#a", OK);
        c.add("[engine:other]/[class:T]/[method:b()]", false, "T#b", OK);
        assertTrue(c.finish().invalid().contains("not one of the tests that ran"));
    }

    @Test
    void aRepeatedMethod_keepsItsFirstFailure() {
        TestReport.Collector c = new TestReport.Collector();
        c.add("[class:T]/[test-template:a()]/[invocation:#1]", true, "T#a", OK);
        c.add("[class:T]/[test-template:a()]/[invocation:#2]", true, "T#a", new TestReport.Result("FAILED", "no"));
        c.add("[class:T]/[test-template:a()]/[invocation:#3]", true, "T#a", OK);
        TestReport r = c.finish();
        assertNull(r.invalid());
        assertEquals("FAILED", r.results().get("T#a").status());
    }

    @Test
    void anInvalidReport_failsEveryTestCheck_withItsReason() {
        TestReport r = TestReport.invalid("the test T#a was reported twice");
        Check.UnitTest check = new Check.UnitTest(new CheckInfo("t", 1, Template.parse("f"), Set.of()), "T#a");
        RunEvidence evidence = new RunEvidence(
                "tests", new RunTranscript(List.of(), new RunOutcome.Exited(0), 0), Map.of(), null, Map.of(), r, null);
        CheckOutcome o = CheckEvaluator.evaluate(check, evidence);
        assertTrue(
                o instanceof CheckOutcome.Failed f
                        && f.values().get("message").toString().contains("twice"),
                o.toString());
    }
}
