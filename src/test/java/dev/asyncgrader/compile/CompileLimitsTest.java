package dev.asyncgrader.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The compile time limit holds: a source that keeps javac busy for many seconds is stopped at the limit, the
 * process compiling it ends (no thread or CPU goes on with it), and the compiler stays warm and fast for the next
 * submission.
 */
class CompileLimitsTest {
    private static final SourceCompiler.CompileLimits ONE_SECOND =
            new SourceCompiler.CompileLimits(20, 256 * 1024, Duration.ofSeconds(1));

    /**
     * Nested conditionals of a generic method: javac's inference grows exponentially with the depth (measured
     * here: depth 8 about 13 s, depth 10 about 54 s with the command-line javac). 1.3 KB of source.
     */
    static String pathological(int depth) {
        String inner = "1";
        for (int i = 0; i < depth; i++) {
            inner = "id(b ? id(" + inner + ") : id(\"s\"))";
        }
        return "class Main {\n  static boolean b;\n  static <T> T id(T t) { return t; }\n  Object o = " + inner
                + ";\n}\n";
    }

    private static final String SMALL = "import java.util.*;\npublic class Main {\n"
            + "  public static void main(String[] args) {\n"
            + "    List<String> l = new ArrayList<>();\n"
            + "    for (String s : args) l.add(s.toUpperCase());\n"
            + "    System.out.println(l);\n  }\n}\n";

    @Test
    void pathologicalSource_timesOutAtTheLimit_andItsProcessEnds() throws Exception {
        try (SourceCompiler compiler = new SourceCompiler(ONE_SECOND)) {
            compiler.warmUp();
            List<Long> before = compiler.idleProcesses();
            assertEquals(1, before.size(), "one warm compiler process after warmUp");
            long compiling = before.getFirst();

            long start = System.nanoTime();
            CompileOutcome outcome = compiler.compile(Map.of("Main.java", pathological(10)), 21);
            long tookMillis = (System.nanoTime() - start) / 1_000_000;

            assertInstanceOf(CompileOutcome.TimedOut.class, outcome, outcome.toString());
            assertTrue(tookMillis >= 1000 && tookMillis < 2500, "returned after " + tookMillis + " ms, limit 1000");
            Optional<ProcessHandle> process = ProcessHandle.of(compiling);
            assertTrue(
                    process.isEmpty() || process.get().onExit().get(5, java.util.concurrent.TimeUnit.SECONDS) != null,
                    "the process that was compiling is ended");
            assertFalse(ProcessHandle.of(compiling).map(ProcessHandle::isAlive).orElse(false));
            assertFalse(javacRunsInThisJvm(), "no thread of the grader is still inside javac");

            // The replacement is warm: the next submission compiles, well within the limit.
            CompileOutcome next = compiler.compile(Map.of("Main.java", SMALL), 21);
            assertInstanceOf(CompileOutcome.Compiled.class, next, next.toString());
            assertFalse(compiler.idleProcesses().contains(compiling));
        }
    }

    @Test
    void compileErrors_comeBackAsDiagnostics_fromTheCompilerProcess() {
        try (SourceCompiler compiler = new SourceCompiler(SourceCompiler.CompileLimits.DEFAULT)) {
            CompileOutcome outcome = compiler.compile(
                    Map.of("Main.java", "public class Main {\n  void f() { int x = \"text\"; }\n}\n"), 21);
            CompileOutcome.Failed failed = assertInstanceOf(CompileOutcome.Failed.class, outcome, outcome.toString());
            assertEquals(1, failed.diagnostics().size());
            CompileDiagnostic d = failed.diagnostics().getFirst();
            assertEquals("Main.java", d.file());
            assertEquals(2, d.line());
            assertTrue(d.message().contains("incompatible types"), d.message());
        }
    }

    /**
     * Warm compiling stays fast with the process in between: the median of 20 compiles of a small file after
     * warming up is well under the ~1 s a fresh javac takes (about 25-40 ms on a calm 2-core machine).
     */
    @Test
    void warmCompile_staysFast() {
        try (SourceCompiler compiler = new SourceCompiler(SourceCompiler.CompileLimits.DEFAULT)) {
            compiler.warmUp();
            long[] millis = new long[30];
            for (int i = 0; i < millis.length; i++) {
                long start = System.nanoTime();
                CompileOutcome outcome =
                        compiler.compile(Map.of("Main.java", SMALL.replace("Main {", "Main { int v" + i + ";")), 21);
                millis[i] = (System.nanoTime() - start) / 1_000_000;
                assertInstanceOf(CompileOutcome.Compiled.class, outcome, outcome.toString());
            }
            long[] warm = Arrays.copyOfRange(millis, 10, 30);
            Arrays.sort(warm);
            assertTrue(warm[10] < 250, "median warm compile " + warm[10] + " ms; all: " + Arrays.toString(millis));
        }
    }

    @Test
    void concurrentCompiles_eachGetTheirOwnProcess() throws Exception {
        try (SourceCompiler compiler = new SourceCompiler(SourceCompiler.CompileLimits.DEFAULT)) {
            List<Thread> threads = new ArrayList<>();
            List<CompileOutcome> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < 3; i++) {
                int n = i;
                threads.add(Thread.ofPlatform()
                        .start(() -> outcomes.add(compiler.compile(
                                Map.of("Main.java", SMALL.replace("Main {", "Main { int v" + n + ";")), 21))));
            }
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(3, outcomes.size());
            outcomes.forEach(o -> assertInstanceOf(CompileOutcome.Compiled.class, o, o.toString()));
        }
    }

    private static boolean javacRunsInThisJvm() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            boolean inJavac = Thread.getAllStackTraces().values().stream()
                    .anyMatch(stack ->
                            Arrays.stream(stack).anyMatch(f -> f.getClassName().startsWith("com.sun.tools.javac")));
            if (!inJavac) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }
}
