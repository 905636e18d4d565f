import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

// Runs the student's program through its command-line contract only, Main.main(args), with numbers it has
// not seen, and records every line it prints with the time it was printed. The contract: `Main FAIL N...`
// prints "Gathering <count> tasks"; then, for every N at once, waits N x 200 ms and fails with
// IllegalArgumentException("Failed on N") if N equals FAIL, else yields N x 10; then prints one line with the
// results in argument order, a failure shown as the exception itself:
// "[10, java.lang.IllegalArgumentException: Failed on 2, 30]". Times are measured from the program's first
// line, as the grader does.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatherErrorsTest {
    /** Extra time, beyond a test's bound, for the program to load and print its first line. */
    private static final double START_UP = 0.3;

    private final Random random = new Random();

    private List<Integer> randomNumbers(int count, int low, int high) {
        List<Integer> ns = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ns.add(low + random.nextInt(high - low + 1));
        }
        return ns;
    }

    /**
     * Random numbers not in ascending order (so the order the tasks end in is not the argument order), adding
     * up to at most maxSum (so that even one after another the tasks end in time for the test).
     */
    private List<Integer> unsortedNumbers(int count, int low, int high, int maxSum) {
        while (true) {
            List<Integer> ns = randomNumbers(count, low, high);
            if (!ns.equals(ns.stream().sorted().toList()) && sum(ns) <= maxSum) {
                return ns;
            }
        }
    }

    private static int sum(List<Integer> ns) {
        return ns.stream().mapToInt(Integer::intValue).sum();
    }

    private static int max(List<Integer> ns) {
        return ns.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    private static List<String> arguments(int fail, List<Integer> ns) {
        List<String> args = new ArrayList<>();
        args.add(Integer.toString(fail));
        ns.forEach(n -> args.add(Integer.toString(n)));
        return args;
    }

    /** The results line the contract asks for. */
    private static String resultsLine(int fail, List<Integer> ns) {
        List<String> results = new ArrayList<>();
        for (int n : ns) {
            results.add(n == fail ? "java.lang.IllegalArgumentException: Failed on " + n : Integer.toString(n * 10));
        }
        return "[" + String.join(", ", results) + "]";
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2f", s);
    }

    // Results in argument order, each failure shown as the IllegalArgumentException itself, and exactly the two
    // lines of the contract. Four numbers from 1 to 3 adding up to at most 8, not in ascending order, the failing
    // one taken from them (so it may appear more than once). The run is given as long as the tasks take one
    // after another (at most 1.6 s), and a little more: this test is about the results, not the time.
    @Test
    @Order(1)
    void resultsInArgumentOrderWithFailures() {
        List<Integer> ns = unsortedNumbers(4, 1, 3, 8);
        int failing = ns.get(random.nextInt(ns.size()));
        String gathering = "Gathering " + ns.size() + " tasks";
        String results = resultsLine(failing, ns);

        Run run = Run.of(arguments(failing, ns), lines -> lines.size() >= 2, sum(ns) * 0.2 + 0.2 + START_UP);
        String program = run.command();
        if (run.thrown() != null) {
            fail(program + " ended with an exception instead of keeping the failure as a result: " + run.thrown());
        }
        List<Line> lines = run.lines();
        if (lines.isEmpty()) {
            fail(program + " printed nothing; it should print \"" + gathering + "\", then \"" + results + "\"");
        }
        if (!lines.get(0).text().equals(gathering)) {
            fail(program + " printed \"" + lines.get(0).text() + "\" as its first line instead of \"" + gathering + "\"");
        }
        if (lines.size() < 2) {
            fail(program + " did not print its results line, \"" + results + "\"");
        }
        if (!lines.get(1).text().equals(results)) {
            fail(program + " printed \"" + lines.get(1).text() + "\" instead of \"" + results + "\"");
        }
        if (lines.size() > 2) {
            fail(program + " also printed \"" + lines.get(2).text() + "\" after its results line");
        }
    }

    // All tasks wait at the same time: six numbers from 2 to 3 (no task fails), so about 0.4 to 0.6 s at the
    // same time and 2.4 to 3.6 s one after another. The results line must come no later than the midpoint of the
    // two (at least 1.4 s) after the first line, and not before the longest task could have ended.
    @Test
    @Order(2)
    void tasksWaitAtTheSameTime() {
        List<Integer> ns = randomNumbers(6, 2, 3);
        int none = 4 + random.nextInt(6); // a number none of the tasks has: no task fails
        double together = max(ns) * 0.2;
        double oneByOne = sum(ns) * 0.2;
        double bound = (together + oneByOne) / 2;
        String results = resultsLine(none, ns);

        Run run = Run.of(arguments(none, ns), lines -> Run.indexOf(lines, results) >= 0, bound + START_UP);
        String program = run.command();
        run.assertNoException();
        List<Line> lines = run.lines();
        int i = Run.indexOf(lines, results);
        if (i < 0) {
            fail(program + " did not print \"" + results + "\" within " + seconds(bound) + " s: the tasks should"
                    + " wait at the same time (" + seconds(together) + " s, the longest task), not one after another ("
                    + seconds(oneByOne) + " s)");
        }
        double took = run.secondsAt(lines.get(i));
        if (took > bound) {
            fail(program + " printed its results " + seconds(took) + " s after its first line: the tasks should wait"
                    + " at the same time (" + seconds(together) + " s, the longest task), not one after another ("
                    + seconds(oneByOne) + " s)");
        }
        if (took < together - 0.02) {
            fail(program + " printed its results " + seconds(took) + " s after its first line, before its longest"
                    + " task could have ended (" + seconds(together) + " s), so it cannot have waited for every task");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Running the program: Main.main(args) with System.out recorded line by line.

    /** One printed line (trailing spaces removed) and the System.nanoTime() at which its line break arrived. */
    record Line(String text, long nanos) {}

    /** Collects printed lines, each stamped when its line break arrives; safe to print to from any thread. */
    static final class Recorder extends OutputStream {
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();
        private final List<Line> lines = new ArrayList<>();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                long now = System.nanoTime();
                lines.add(new Line(current.toString(StandardCharsets.UTF_8).stripTrailing(), now));
                current.reset();
            } else {
                current.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        synchronized List<Line> lines() {
            return List.copyOf(lines);
        }
    }

    /** One run of the program: what it printed, and what main threw, if it did. */
    record Run(List<String> args, List<Line> lines, Throwable thrown) {
        /**
         * Runs Main.main(args) on a thread of its own with System.out replaced by a recorder, until main has
         * returned and {@code complete} holds for the lines printed so far (a program may leave the work to
         * threads that outlive main), or main threw, or {@code seconds} have passed; then restores System.out.
         * Each run loads the program afresh, in a class loader of its own, so that nothing a previous run left
         * in static fields (a closed executor, a cached System.out) changes this one.
         */
        static Run of(List<String> args, Predicate<List<Line>> complete, double seconds) {
            Recorder recorder = new Recorder();
            PrintStream original = System.out;
            AtomicBoolean returned = new AtomicBoolean();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread program = new Thread(() -> {
                try {
                    callMain(args.toArray(String[]::new));
                    returned.set(true);
                } catch (Throwable t) {
                    thrown.set(t);
                }
            }, "program-main");
            program.setDaemon(true);
            long deadline = System.nanoTime() + Math.round(seconds * 1e9);
            System.setOut(new PrintStream(recorder, true, StandardCharsets.UTF_8));
            try {
                program.start();
                while (System.nanoTime() < deadline
                        && thrown.get() == null
                        && !(returned.get() && complete.test(recorder.lines()))) {
                    Thread.sleep(5);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                System.setOut(original);
                program.interrupt();
            }
            return new Run(args, recorder.lines(), thrown.get());
        }

        /** Calls main of a fresh copy of the program's Main class; a checked exception main declares passes through. */
        private static void callMain(String[] args) throws Throwable {
            Class<?> main = Main.class;
            CodeSource code = main.getProtectionDomain().getCodeSource();
            if (code != null && code.getLocation() != null) {
                // Not closed: threads the program started may still load its classes after main returns.
                ClassLoader fresh = new URLClassLoader(new URL[] {code.getLocation()}, ClassLoader.getPlatformClassLoader());
                main = Class.forName(main.getName(), true, fresh);
            }
            Method method = main.getMethod("main", String[].class);
            method.setAccessible(true);
            try {
                method.invoke(null, (Object) args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        String command() {
            return "java Main " + String.join(" ", args);
        }

        void assertNoException() {
            if (thrown != null) {
                fail(command() + " ended with an exception: " + thrown);
            }
        }

        /** Seconds from the program's first line to this one. */
        double secondsAt(Line line) {
            return (line.nanos() - lines.getFirst().nanos()) / 1e9;
        }

        static int indexOf(List<Line> lines, String text) {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).text().equals(text)) {
                    return i;
                }
            }
            return -1;
        }

        static long count(List<Line> lines, String text) {
            return lines.stream().filter(l -> l.text().equals(text)).count();
        }
    }
}
