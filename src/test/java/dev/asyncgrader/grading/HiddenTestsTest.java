package dev.asyncgrader.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.feedback.Messages;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Hidden JUnit tests run in the sandboxed student JVM: a real solution passes them, and a submission that
 * fakes results (printing a report, exiting, halting, reaching into the harness) gets no credit for tests
 * that did not really pass.
 */
@Execution(ExecutionMode.CONCURRENT)
class HiddenTestsTest {
    static Grader grader;
    static Exercise exercise;
    static final List<String> TEST_CHECKS = List.of("keeps-input-order", "failures-become-values", "runs-concurrently");

    @BeforeAll
    static void setUp() {
        grader = TestGraders.sandboxed();
        exercise = ExerciseCatalog.loadOne(Path.of("src/test/resources/unit-test-exercises/gather-results"));
    }

    /** A submission whose {@code gather} body is {@code body}; main prints the example's expected line. */
    static GradeResult submit(String body) {
        String source = """
                import java.util.*;
                public class Main {
                    static List<String> gather(List<Integer> ns, int fail) {
                %s
                    }
                    public static void main(String[] args) {
                        System.out.println("[10, failed: 2, 30]");
                    }
                }
                """.formatted(body);
        return grader.grade(exercise, "mallory", Map.of("Main.java", source), GradingListener.NONE);
    }

    static GradeResult.CheckReport check(GradeResult r, String name) {
        return r.checks().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    static void assertNoTestCredit(GradeResult r) {
        for (String name : TEST_CHECKS) {
            assertFalse(check(r, name).passed(), name + " passed: " + r.feedback());
        }
    }

    @Test
    void scratchRun_reportsHiddenTestChecksAsNotRun_neitherPassedNorFailed() {
        GradeResult r = grader.grade(exercise, "ref", exercise.solution(), GradingListener.NONE, true);
        for (String name : TEST_CHECKS) {
            GradeResult.CheckReport c = check(r, name);
            assertEquals(CheckResult.NOT_RUN, c.outcome(), c.toString());
            assertFalse(c.passed());
            assertEquals(0, c.points());
        }
        assertEquals(CheckResult.PASSED, check(r, "prints-result").outcome(), "the example run's check ran");
        assertEquals(List.of(Messages.allThatRanPassed()), r.studentFeedback(), "no failure is claimed");
    }

    @Test
    void referenceSolution_passesHiddenTests_withRandomInputs() {
        GradeResult r = grader.grade(exercise, "ref", exercise.solution(), GradingListener.NONE);
        assertTrue(r.fullMarks(), r.feedback().toString());
        GradeResult.RunReport tests = r.runs().getLast();
        assertEquals("tests", tests.name());
        assertTrue(tests.hidden());
        assertTrue(
                tests.lines().stream().noneMatch(l -> l.text().startsWith("@@AG1")),
                "report lines leak into the output");
    }

    @Test
    void sequentialVariant_failsOnlyTheConcurrencyTest_withTheTestsMessage() {
        GradeResult r = grader.grade(
                exercise, "seq", exercise.variants().get("sequential").files(), GradingListener.NONE);
        assertFalse(check(r, "runs-concurrently").passed());
        assertTrue(
                check(r, "runs-concurrently").feedback().contains("took 2."),
                check(r, "runs-concurrently").feedback());
        assertTrue(check(r, "keeps-input-order").passed());
    }

    @Test
    void printingAFakeReport_getsNoCredit_andIsNamed() {
        GradeResult r = submit("""
                for (String t : List.of("GatherTest#keepsInputOrder", "GatherTest#failuresBecomeValues", "GatherTest#runsConcurrently")) {
                    String b64 = Base64.getEncoder().encodeToString(t.getBytes());
                    System.out.println("@@AG1 0 0 TEST " + b64 + " U1VDQ0VTU0ZVTA== " + " 00");
                }
                System.out.println("@@AG1 0 3 DONE Mw==   00");
                return List.of();""");
        assertNoTestCredit(r);
        assertTrue(
                r.feedback().contains(dev.asyncgrader.feedback.Messages.forgedTestReport()),
                r.feedback().toString());
    }

    @Test
    void exitingDuringTheTests_getsNoCredit() {
        assertNoTestCredit(submit("System.exit(0); return null;"));
    }

    @Test
    void haltingDuringTheTests_getsNoCredit() {
        assertNoTestCredit(submit("Runtime.getRuntime().halt(0); return null;"));
    }

    @Test
    void reachingIntoTheHarnessForItsKey_fails_andGetsNoCredit() {
        GradeResult r = submit("""
                try {
                    Class<?> h = Class.forName("dev.asyncgrader.harness.TestHarness");
                    var f = h.getDeclaredField("mac");
                    f.setAccessible(true);
                    System.out.println("GOT THE MAC");
                } catch (Throwable t) {
                    System.out.println("refused: " + t.getClass().getSimpleName());
                }
                try {
                    System.out.println("stdin: " + System.in.read());
                } catch (Exception e) {
                    System.out.println("stdin: " + e.getClass().getSimpleName());
                }
                return List.of();""");
        assertNoTestCredit(r);
        String output = String.join(
                "\\n",
                r.runs().getLast().lines().stream().map(GradeResult.Line::text).toList());
        assertFalse(output.contains("GOT THE MAC"), output);
        assertTrue(output.contains("refused: InaccessibleObjectException"), output);
    }

    @Test
    void stoppingTheRunnerFromABackgroundThread_getsNoCreditForUnreportedTests() {
        GradeResult r = submit("""
                Thread.ofPlatform().daemon().start(() -> {
                    try { Thread.sleep(50); } catch (InterruptedException e) { }
                    Runtime.getRuntime().halt(0);
                });
                try { Thread.sleep(5_000); } catch (InterruptedException e) { }
                return List.of();""");
        assertNoTestCredit(r);
    }
}
