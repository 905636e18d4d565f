package dev.asyncgrader.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncgrader.expr.Expression;
import dev.asyncgrader.expr.Template;
import dev.asyncgrader.sandbox.OutputLine;
import dev.asyncgrader.sandbox.RunOutcome;
import dev.asyncgrader.sandbox.RunTranscript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Checks judged on hand-made transcripts: order, timing windows and concurrency degree. */
class CheckEvaluatorTest {
    private static final CheckInfo INFO = new CheckInfo("c", 1, Template.parse("f"), Set.of());

    /** The finish-order example A:3 B:1 C:2 as line groups. */
    private static final Map<String, Object> TASKS = Map.of(
            "tasks",
            List.of(
                    Map.of("name", "A", "seconds", "3", "text", "A:3"),
                    Map.of("name", "B", "seconds", "1", "text", "B:1"),
                    Map.of("name", "C", "seconds", "2", "text", "C:2")));

    private static final LineGroup STARTED =
            new LineGroup("started", "t", Expression.parse("tasks"), Template.parse("${t.name} started"), false);
    private static final LineGroup FINISHED = new LineGroup(
            "finished",
            "t",
            Expression.parse("tasks"),
            Template.parse("${t.name} finished after ${t.seconds}s"),
            false);

    /** A transcript from "text@seconds" entries; the program ends {@code endAfter} s after its last line. */
    private static RunEvidence run(RunOutcome outcome, double endAfter, String... linesAtSeconds) {
        return run(0.05, outcome, endAfter, linesAtSeconds); // JVM start-up before the first line must not count
    }

    /** A transcript whose first line comes {@code launchSeconds} after the JVM was launched. */
    private static RunEvidence run(
            double launchSeconds, RunOutcome outcome, double endAfter, String... linesAtSeconds) {
        List<OutputLine> lines = new ArrayList<>();
        long launch = (long) (launchSeconds * 1e9);
        for (String entry : linesAtSeconds) {
            int at = entry.lastIndexOf('@');
            long nanos = launch + (long) (Double.parseDouble(entry.substring(at + 1)) * 1e9);
            lines.add(new OutputLine(nanos, OutputLine.Stream.STDOUT, entry.substring(0, at)));
        }
        long end = lines.isEmpty() ? launch : lines.getLast().nanos() + (long) (endAfter * 1e9);
        Map<String, List<ExpectedLine>> groups = new LinkedHashMap<>();
        groups.put("started", STARTED.resolve(TASKS));
        groups.put("finished", FINISHED.resolve(TASKS));
        return new RunEvidence("example", new RunTranscript(lines, outcome, end), groups, null, TASKS);
    }

    private static RunEvidence exited(String... lines) {
        return run(new RunOutcome.Exited(0), 0.05, lines);
    }

    private static final String[] CONCURRENT = {
        "B started@0",
        "A started@0.01",
        "C started@0.01",
        "B finished after 1s@1.02",
        "C finished after 2s@2.01",
        "A finished after 3s@3.03"
    };
    private static final String[] SEQUENTIAL = {
        "A started@0",
        "A finished after 3s@3.0",
        "B started@3.0",
        "B finished after 1s@4.0",
        "C started@4.0",
        "C finished after 2s@6.0"
    };

    @Test
    void before_startedLinesInAnyOrderBeforeFinished_passes() {
        Check c = new Check.Before(INFO, List.of("started"), List.of("finished"));
        assertTrue(CheckEvaluator.evaluate(c, exited(CONCURRENT)).passed());
    }

    @Test
    void before_sequentialSolution_failsNamingTheLinesOutOfOrder() {
        Check c = new Check.Before(INFO, List.of("started"), List.of("finished"));
        CheckOutcome o = CheckEvaluator.evaluate(c, exited(SEQUENTIAL));
        CheckOutcome.Failed f = assertInstanceOf(CheckOutcome.Failed.class, o);
        assertEquals("A finished after 3s", f.values().get("early"));
        assertEquals("C started", f.values().get("late"));
    }

    @Test
    void before_missingLine_isUnmeasurableWithStudentReason() {
        Check c = new Check.Before(INFO, List.of("started"), List.of("finished"));
        CheckOutcome o = CheckEvaluator.evaluate(c, exited("A started@0", "B started@0", "C started@0"));
        assertTrue(assertInstanceOf(CheckOutcome.Unmeasurable.class, o).reason().contains("A finished after 3s"));
    }

    @Test
    void sequence_requiresGroupOrder() {
        Check c = new Check.Sequence(INFO, "started");
        assertFalse(CheckEvaluator.evaluate(c, exited(CONCURRENT)).passed()); // B came before A
        assertTrue(CheckEvaluator.evaluate(c, exited(SEQUENTIAL)).passed());
    }

    @Test
    void sorted_finishOrderByWait_passesConcurrentFailsSequential() {
        Check c = new Check.Sorted(INFO, "finished", Expression.parse("num(t.seconds)"), 0.2);
        assertTrue(CheckEvaluator.evaluate(c, exited(CONCURRENT)).passed());
        CheckOutcome.Failed f =
                assertInstanceOf(CheckOutcome.Failed.class, CheckEvaluator.evaluate(c, exited(SEQUENTIAL)));
        assertEquals("B finished after 1s", f.values().get("earlier"));
    }

    @Test
    void sorted_valuesWithinTie_mayComeInAnyOrder() {
        Map<String, Object> close = Map.of(
                "tasks",
                List.of(
                        Map.of("name", "A", "seconds", "1.1", "text", "A:1.1"),
                        Map.of("name", "B", "seconds", "1", "text", "B:1")));
        Map<String, List<ExpectedLine>> groups = Map.of("finished", FINISHED.resolve(close));
        List<OutputLine> lines = List.of(
                new OutputLine(1_100_000_000L, OutputLine.Stream.STDOUT, "A finished after 1.1s"),
                new OutputLine(1_100_000_001L, OutputLine.Stream.STDOUT, "B finished after 1s"));
        RunEvidence e = new RunEvidence(
                "r", new RunTranscript(lines, new RunOutcome.Exited(0), 1_200_000_000L), groups, null, close);
        assertTrue(
                CheckEvaluator.evaluate(new Check.Sorted(INFO, "finished", Expression.parse("num(t.seconds)"), 0.2), e)
                        .passed());
        assertFalse(
                CheckEvaluator.evaluate(new Check.Sorted(INFO, "finished", Expression.parse("num(t.seconds)"), 0), e)
                        .passed());
    }

    @Test
    void at_measuredFromFirstLine_notFromJvmLaunch() {
        Check c = new Check.At(
                INFO,
                "finished",
                Expression.parse("num(t.seconds)"),
                Expression.parse("sum(map(tasks, x -> num(x.seconds)))"));
        // A slow JVM start (2 s before the first line) would put "A finished" at 5.03 s from launch, past its
        // window (3 s, late bound 4.5 s, the midpoint to the sequential 6 s): it passes only if measured from the
        // first line.
        assertTrue(CheckEvaluator.evaluate(c, run(2.0, new RunOutcome.Exited(0), 0.05, CONCURRENT))
                .passed());
    }

    @Test
    void at_lateUnderLoadButBeforeMidpoint_passes() {
        // Every line 0.8 s late: more than the default 0.5 s, but far from the sequential sum of 6 s.
        Check c = new Check.At(INFO, "finished", Expression.parse("num(t.seconds)"), Expression.parse("6"));
        assertTrue(CheckEvaluator.evaluate(
                        c,
                        exited(
                                "A started@0",
                                "B finished after 1s@1.8",
                                "C finished after 2s@2.8",
                                "A finished after 3s@3.8"))
                .passed());
    }

    @Test
    void at_hardCodedLinesPrintedAtOnce_failWithMeasuredTime() {
        Check c = new Check.At(INFO, "finished", Expression.parse("num(t.seconds)"), null);
        CheckOutcome o = CheckEvaluator.evaluate(
                c,
                exited(
                        "A started@0",
                        "B finished after 1s@0.01",
                        "C finished after 2s@0.01",
                        "A finished after 3s@0.02"));
        CheckOutcome.Failed f = assertInstanceOf(CheckOutcome.Failed.class, o);
        assertEquals("A finished after 3s", f.values().get("line"));
        assertEquals("0.02", f.values().get("actual"));
        assertEquals("3.0", f.values().get("expected"));
    }

    @Test
    void duration_sequentialTotal_failsBeyondMidpoint() {
        Check c = new Check.Duration(
                INFO,
                Expression.parse("max(map(tasks, t -> t.seconds))"),
                Expression.parse("sum(map(tasks, t -> t.seconds))"),
                null);
        assertTrue(CheckEvaluator.evaluate(c, exited(CONCURRENT)).passed());
        CheckOutcome.Failed f =
                assertInstanceOf(CheckOutcome.Failed.class, CheckEvaluator.evaluate(c, exited(SEQUENTIAL)));
        assertEquals("6.0", f.values().get("actual"));
        assertEquals("3.0", f.values().get("expected"));
    }

    @Test
    void together_spreadOverLimit_fails() {
        Check c = new Check.Together(INFO, "started", 0.2);
        assertTrue(CheckEvaluator.evaluate(c, exited(CONCURRENT)).passed());
        assertEquals(
                "4.0",
                ((CheckOutcome.Failed) CheckEvaluator.evaluate(c, exited(SEQUENTIAL)))
                        .values()
                        .get("spread"));
    }

    @Test
    void endsAfter_lingeringJvm_failsAndPromptExitPasses() {
        Check c = new Check.EndsAfter(INFO, "finished", Expression.parse("4"), null);
        assertTrue(CheckEvaluator.evaluate(c, run(new RunOutcome.Exited(0), 0.3, CONCURRENT))
                .passed());
        assertFalse(CheckEvaluator.evaluate(c, run(new RunOutcome.Exited(0), 2.5, CONCURRENT))
                .passed());
        assertFalse(CheckEvaluator.evaluate(c, run(new RunOutcome.TimedOut(Duration.ofSeconds(5)), 5, CONCURRENT))
                .passed());
    }

    @Test
    void inFlight_countsByLineOrder_concurrentIsThreeSequentialIsOne() {
        Check c = new Check.InFlight(INFO, "started", "finished", Expression.parse("len(tasks)"), null);
        CheckOutcome concurrent = CheckEvaluator.evaluate(c, exited(CONCURRENT));
        assertEquals(3, ((CheckOutcome.Passed) concurrent).values().get("actual"));
        CheckOutcome sequential = CheckEvaluator.evaluate(c, exited(SEQUENTIAL));
        assertEquals(1, ((CheckOutcome.Failed) sequential).values().get("actual"));
    }

    @Test
    void inFlight_atMost_failsWhenBoundExceeded() {
        Check c = new Check.InFlight(INFO, "started", "finished", null, Expression.parse("2"));
        assertFalse(CheckEvaluator.evaluate(c, exited(CONCURRENT)).passed());
        assertTrue(CheckEvaluator.evaluate(c, exited(SEQUENTIAL)).passed());
    }

    @Test
    void lines_exact_rejectsExtraOutput() {
        Check exact = new Check.Lines(INFO, List.of("started", "finished"), true);
        List<String> withExtra = new ArrayList<>(List.of(CONCURRENT));
        withExtra.add("debug: done@3.1");
        CheckOutcome.Failed f = assertInstanceOf(
                CheckOutcome.Failed.class, CheckEvaluator.evaluate(exact, exited(withExtra.toArray(String[]::new))));
        assertEquals("debug: done", f.values().get("extra"));
        assertTrue(CheckEvaluator.evaluate(
                        new Check.Lines(INFO, List.of("started", "finished"), false),
                        exited(withExtra.toArray(String[]::new)))
                .passed());
    }

    @Test
    void lines_duplicateLineCountsOnce() {
        Check c = new Check.Lines(INFO, List.of("started"), false);
        CheckOutcome o = CheckEvaluator.evaluate(c, exited("A started@0", "A started@0", "B started@0"));
        assertEquals("C started", ((CheckOutcome.Failed) o).values().get("missing"));
    }

    @Test
    void exit_reportsHowTheProgramEnded() {
        Check c = new Check.Exit(INFO, 0);
        assertTrue(CheckEvaluator.evaluate(c, exited(CONCURRENT)).passed());
        CheckOutcome o = CheckEvaluator.evaluate(c, run(new RunOutcome.Exited(1), 0, CONCURRENT));
        assertEquals("exited with code 1", ((CheckOutcome.Failed) o).values().get("status"));
        o = CheckEvaluator.evaluate(c, run(new RunOutcome.TimedOut(Duration.ofSeconds(3)), 0, CONCURRENT));
        assertEquals(
                "still running at the time limit",
                ((CheckOutcome.Failed) o).values().get("status"));
    }

    @Test
    void tolerance_midpointReplacesDefaultOnWrongSide() {
        Tolerance t = Tolerance.around(2, 6.0);
        assertEquals(4.0, t.high(), 1e-9);
        assertEquals(1.8, t.low(), 1e-9);
        Tolerance early = Tolerance.around(2, 0.0);
        assertEquals(1.0, early.low(), 1e-9);
        assertEquals(2.5, early.high(), 1e-9);
        assertEquals(0.5, Tolerance.around(0, null).high(), 1e-9);
    }

    @Test
    void patternLines_areShownInPlainWords() {
        assertEquals("Done in <number>s", ExpectedLine.humanize("Done in \\d+\\.\\ds"));
        assertEquals("took <number> s", ExpectedLine.humanize("took \\d+(\\.\\d+)? s"));
        assertEquals("id 7: ...", ExpectedLine.humanize("id \\Q7\\E: .*"));
    }

    @Test
    void serviceLogTolerance_isGenerousEarly_andKeepsTheMidpointLate() {
        Tolerance t = Tolerance.forServiceLog(2, 10.0);
        assertEquals(1.5, t.low(), 1e-9);
        assertEquals(6.0, t.high(), 1e-9);
    }
}
