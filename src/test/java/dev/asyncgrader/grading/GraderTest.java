package dev.asyncgrader.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.ExerciseCatalog;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** Grades real submissions of a small test exercise in real JVMs and asserts on the verdicts. */
@Execution(ExecutionMode.CONCURRENT)
class GraderTest {
    static Grader grader;
    static Exercise exercise;

    @BeforeAll
    static void setUp() {
        grader = TestGraders.sandboxed();
        exercise = ExerciseCatalog.loadOne(Path.of("src/test/resources/test-exercises/hello-wait"));
    }

    static GradeResult grade(String mainBody) {
        return grader.grade(
                exercise,
                "student",
                Map.of("Main.java", "public class Main {\n" + mainBody + "\n}\n"),
                GradingListener.NONE);
    }

    static String feedback(GradeResult r) {
        return String.join("\n", r.feedback());
    }

    @Test
    void referenceSolution_getsFullMarks() {
        GradeResult r = grader.grade(exercise, "ref", exercise.solution(), GradingListener.NONE);
        assertEquals(GradeStatus.GRADED, r.status(), feedback(r));
        assertEquals(5.0, r.score(), feedback(r));
        assertEquals(List.of("All checks passed."), r.feedback());
        assertEquals(2, r.runs().size());
        assertTrue(r.runs().get(1).hidden());
        GradeResult.RunReport example = r.runs().getFirst();
        assertEquals("hello", example.lines().getFirst().text());
        assertEquals(0, example.lines().getFirst().t());
        long byeAt = example.lines().get(1).t();
        // Both lines are stamped by the grader when they arrive; the first stamp can lag its print by a few ms
        // on a busy host, so the gap may read a little under the 500 ms slept. As the grader's own checks do,
        // the bound is the midpoint between right (500 ms) and a program that does not wait (0 ms).
        assertTrue(byeAt >= 250 && byeAt < 1500, "bye stamped at " + byeAt + " ms");
    }

    @Test
    void hardCodedVariant_printsRightLinesAtOnce_losesTimingPoints() {
        GradeResult r =
                grader.grade(exercise, "v", exercise.variants().get("no-wait").files(), GradingListener.NONE);
        assertEquals(GradeStatus.GRADED, r.status());
        assertEquals(3.0, r.score());
        assertTrue(feedback(r).contains("instead of about 0.50 s"), feedback(r));
    }

    @Test
    void compileError_isAVerdictWithFileLineAndColumn() {
        GradeResult r = grade("public static void main(String[] args) {\n  int x = \"text\";\n}");
        assertEquals(GradeStatus.COMPILE_ERROR, r.status());
        assertEquals(0.0, r.score());
        var d = r.compileErrors().getFirst();
        assertEquals("Main.java", d.file());
        assertEquals(3, d.line());
        assertEquals(11, d.column());
        assertTrue(d.message().contains("incompatible types"), d.message());
        assertTrue(r.runs().isEmpty());
    }

    @Test
    void uncaughtException_isCrashedWithTheExceptionInFeedback() {
        GradeResult r = grade("public static void main(String[] args) {\n System.out.println(\"hello\");\n"
                + " throw new IllegalStateException(\"boom\");\n}");
        assertEquals(GradeStatus.CRASHED, r.status());
        assertTrue(
                feedback(r).contains("exit code 1") && feedback(r).contains("IllegalStateException: boom"),
                feedback(r));
        assertTrue(r.score() < r.maxScore());
    }

    @Test
    void endlessLoop_isStoppedAtWallTime_withChildProcessesKilled() {
        long before = System.nanoTime();
        GradeResult r = grade("""
                public static void main(String[] args) throws Exception {
                    if (args[0].equals("child")) {
                        Thread.sleep(1_000_000);
                    }
                    String java = ProcessHandle.current().info().command().orElseThrow();
                    new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "Main", "child").start();
                    System.out.println("hello");
                    while (true) {
                        Thread.onSpinWait();
                    }
                }""");
        double seconds = (System.nanoTime() - before) / 1e9;
        assertEquals(GradeStatus.TIMEOUT, r.status(), feedback(r));
        assertTrue(feedback(r).contains("still running after 4.0 s"), feedback(r));
        assertEquals(
                List.of("timeout", "timeout"),
                r.runs().stream().map(GradeResult.RunReport::outcome).toList(),
                "both runs go at once and both are stopped at the wall limit");
        assertTrue(seconds < 8, "graded in " + seconds + " s: the runs were not made at the same time");
        assertFalse(
                ProcessHandle.allProcesses()
                        .anyMatch(p -> p.info().commandLine().orElse("").endsWith("Main child")),
                "the student's child process outlived the run");
    }

    @Test
    void outputFlood_isStoppedAtTheOutputCap() {
        GradeResult r =
                grade("public static void main(String[] args) {\n while (true) System.out.println(\"hello\");\n}");
        assertEquals(GradeStatus.OUTPUT_LIMIT, r.status());
        assertTrue(feedback(r).contains("printed more than 200 lines"), feedback(r));
        assertTrue(r.runs().getFirst().lines().size() <= GradeResult.RunReport.MAX_LINES);
    }

    @Test
    void earlyExit_afterPlausibleOutput_failsTiming() {
        GradeResult r = grade("public static void main(String[] args) {\n System.out.println(\"hello\");\n"
                + " System.out.println(\"bye after \" + args[0] + \" ms\");\n Runtime.getRuntime().halt(0);\n}");
        assertEquals(GradeStatus.GRADED, r.status());
        assertFalse(r.checks().stream()
                .filter(c -> c.name().equals("waits"))
                .findFirst()
                .orElseThrow()
                .passed());
    }

    @Test
    void standardInput_isClosed_soReadingItDoesNotHang() {
        GradeResult r = grade("public static void main(String[] args) throws Exception {\n"
                + " int c = System.in.read();\n System.out.println(\"hello\");\n Thread.sleep(Long.parseLong(args[0]));\n"
                + " System.out.println(\"bye after \" + args[0] + \" ms\");\n System.err.println(\"read \" + c);\n}");
        assertEquals(GradeStatus.GRADED, r.status(), feedback(r));
        assertTrue(
                r.runs().getFirst().lines().stream()
                        .anyMatch(l -> l.stream().equals("err") && l.text().equals("read -1")),
                r.runs().getFirst().lines().toString());
    }

    @Test
    void environment_isScrubbed_workingFolderPrivate_cpuCountPinned() {
        GradeResult r = grade("""
                public static void main(String[] args) {
                    System.out.println(new java.util.TreeMap<>(System.getenv()));
                    System.out.println(new java.io.File("").getAbsolutePath());
                    System.out.println(Runtime.getRuntime().availableProcessors());
                }""");
        List<GradeResult.Line> lines = r.runs().getFirst().lines();
        assertEquals(
                "{HOME=/sandbox, LANG=C.UTF-8, PATH=/usr/bin:/bin, PWD=/sandbox, TMPDIR=/sandbox, TZ=UTC}",
                lines.get(0).text());
        assertEquals("/sandbox", lines.get(1).text());
        assertEquals("4", lines.get(2).text(), "the CPU count the JVM sees is pinned by the exercise (default 4)");
    }

    @Test
    void tooManyFiles_isRejectedBeforeCompiling() {
        Map<String, String> files = new HashMap<>();
        for (int i = 0; i < 21; i++) {
            files.put("C" + i + ".java", "class C" + i + " {}");
        }
        GradeResult r = grader.grade(exercise, "s", files, GradingListener.NONE);
        assertEquals(GradeStatus.REJECTED, r.status());
        assertTrue(feedback(r).contains("at most 20"), feedback(r));
    }

    @Test
    void badFileName_isRejected() {
        GradeResult r = grader.grade(exercise, "s", Map.of("../Main.java", "class Main {}"), GradingListener.NONE);
        assertEquals(GradeStatus.REJECTED, r.status());
    }

    @Test
    void grading_doesNotNeedTheCommonPool_evenWhenEveryWorkerIsBlocked() throws Exception {
        int workers = java.util.concurrent.ForkJoinPool.getCommonPoolParallelism();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch busy = new java.util.concurrent.CountDownLatch(workers);
        for (int i = 0; i < workers; i++) {
            java.util.concurrent.CompletableFuture.runAsync(() -> {
                busy.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try {
            busy.await();
            var grading = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> grader.grade(exercise, "ref", exercise.solution(), GradingListener.NONE),
                    java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            GradeResult r = grading.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(r.fullMarks(), r.feedback().toString());
        } finally {
            release.countDown();
        }
    }

    /** Everything a listener heard, in order, as text: "line example hello", "check waits", "phase running 1/2". */
    static final class Heard implements GradingListener {
        final List<String> events = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

        @Override
        public void phase(Phase phase, int step, int steps) {
            events.add("phase " + phase.wireName() + " " + step + "/" + steps);
        }

        @Override
        public void line(String run, dev.asyncgrader.sandbox.OutputLine line) {
            events.add("line " + run + " " + line.text());
        }

        @Override
        public void check(GradeResult.CheckReport check) {
            events.add("check " + check.name() + " " + check.outcome().wireName());
        }
    }

    @Test
    void runsOfOneSubmission_goAtTheSameTime_andChecksArriveAsTheirRunsFinish() {
        Exercise twoSpeeds = ExerciseCatalog.loadOne(Path.of("src/test/resources/progress-exercises/two-speeds"));
        Heard heard = new Heard();
        GradeResult r = grader.grade(twoSpeeds, "student", twoSpeeds.solution(), heard);
        assertTrue(r.fullMarks(), r.feedback().toString());
        List<String> e = List.copyOf(heard.events);
        int slowStarts = e.indexOf("line hidden hello");
        int fastEnds = e.indexOf("line example bye after 2000 ms");
        int slowEnds = e.indexOf("line hidden bye after 4500 ms");
        int fastCheck = e.indexOf("check example-says-hello-first passed");
        assertTrue(slowStarts >= 0 && fastEnds >= 0 && slowEnds >= 0 && fastCheck >= 0, e.toString());
        // Order, not time: one after the other, the slow run could not start before the fast one ended.
        assertTrue(slowStarts < fastEnds, "the runs went one after the other: " + e);
        assertTrue(fastCheck < slowEnds, "the fast run's check waited for the slow run: " + e);
        assertTrue(e.indexOf("check waits passed") > slowEnds, "a check of both runs came early: " + e);
        assertEquals(1, e.stream().filter(x -> x.startsWith("check waits ")).count(), "each check is said once: " + e);
        assertTrue(e.contains("phase running 1/2") && e.contains("phase running 2/2"), e.toString());
        assertTrue(e.indexOf("phase checking 0/0") > slowEnds, e.toString());
    }
}
