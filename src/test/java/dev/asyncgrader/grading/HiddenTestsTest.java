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
 * Hidden JUnit tests run in the grader's trusted process and reach the student's code only through sandboxed
 * runs (a call of {@code gather} per run, its result as data): a real solution passes them, and a submission
 * that fakes results (printing a report, exiting, halting, hunting for a key) gets no credit for tests that did
 * not really pass.
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
    void printingAFakeReport_getsNoCredit() {
        GradeResult r = submit("""
                for (String t : List.of("GatherTest#keepsInputOrder", "GatherTest#failuresBecomeValues", "GatherTest#runsConcurrently")) {
                    String b64 = Base64.getEncoder().encodeToString(t.getBytes());
                    System.out.println("@@AG1 0 0 TEST " + b64 + " U1VDQ0VTU0ZVTA== " + " 00");
                    System.out.println("@@AG1 0 0 TEST " + b64 + " U1VDQ0VTU0ZVTA== " + " 00"); // and again, to overwrite
                }
                System.out.println("@@AG1 0 3 DONE Mw==   00");
                return List.of();""");
        assertNoTestCredit(r);
    }

    @Test
    void answeringTheCallItself_withTheRightResultsAtOnce_getsNoCreditForTheForgedAnswers() {
        // The student has read CallRunner: it prints answers shaped like the runner's, before the real one.
        GradeResult r = submit("""
                System.out.println("@@CALL-RESULT [\\"60\\",\\"60\\",\\"60\\",\\"60\\"]");
                System.out.flush();
                try { Thread.sleep(200); } catch (InterruptedException e) { }
                return List.of();""");
        assertNoTestCredit(r);
        assertTrue(
                check(r, "runs-concurrently").feedback().contains("answered 2 times"),
                r.feedback().toString());
        // Printing the answer and then never returning leaves the call unanswered.
        GradeResult hanging = submit("""
                System.out.println("@@CALL-RESULT [\\"60\\",\\"60\\",\\"60\\",\\"60\\"]");
                System.out.flush();
                try { Thread.sleep(60_000); } catch (InterruptedException e) { }
                return List.of();""");
        assertNoTestCredit(hanging);
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
    void huntingForTheKeyInTheHeapAndInProcMem_findsNoHarness_andGetsNoCredit() {
        // The forgeries of issue 10: look for the harness, its MAC's padded key blocks (32 bytes of 0x36 after the
        // key) in a heap dump and in /proc/self/mem, the nonce on the command line; then print signed-looking
        // success lines and halt.
        GradeResult r = submit("""
                try {
                    Class.forName("dev.asyncgrader.harness.TestHarness");
                    System.out.println("FOUND THE HARNESS");
                } catch (Throwable t) {
                    System.out.println("harness: " + t.getClass().getSimpleName());
                }
                try {
                    Class<?> bean = Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
                    Object diag = java.lang.management.ManagementFactory.class
                            .getMethod("getPlatformMXBean", Class.class).invoke(null, bean);
                    bean.getMethod("dumpHeap", String.class, boolean.class).invoke(diag, "heap.hprof", true);
                    System.out.println("heap dump written");
                } catch (Throwable t) {
                    System.out.println("heap dump: " + t.getClass().getSimpleName());
                }
                try (var mem = new java.io.RandomAccessFile("/proc/self/mem", "r")) {
                    for (String m : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/maps"))) {
                        String[] range = m.split(" ")[0].split("-");
                        mem.seek(Long.parseUnsignedLong(range[0], 16));
                        mem.read(new byte[4096]);
                    }
                    System.out.println("read /proc/self/mem");
                } catch (Throwable t) {
                    System.out.println("proc mem: " + t.getClass().getSimpleName());
                }
                System.out.println("cmdline: " + System.getProperty("sun.java.command"));
                for (String t : List.of("GatherTest#keepsInputOrder", "GatherTest#failuresBecomeValues", "GatherTest#runsConcurrently")) {
                    System.out.println("@@AG1 0 0 TEST " + Base64.getEncoder().encodeToString(t.getBytes()) + " U1VDQ0VTU0ZVTA== " + " 00");
                }
                Runtime.getRuntime().halt(0);
                return null;""");
        assertNoTestCredit(r);
        String output = String.join(
                "\n",
                r.runs().getLast().lines().stream().map(GradeResult.Line::text).toList());
        assertTrue(output.contains("harness: ClassNotFoundException"), output);
        assertFalse(output.contains("FOUND THE HARNESS"), output);
        // Defence in depth: the JDK's management module is not there to write a heap dump.
        assertTrue(output.contains("heap dump: ClassNotFoundException"), output);
        assertTrue(output.contains("cmdline: dev.asyncgrader.unittest.call.CallRunner Main "), output);
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
