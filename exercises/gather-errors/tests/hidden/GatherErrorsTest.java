import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
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

        ProgramRun run = ProgramRun.of(arguments(failing, ns), lines -> lines.size() >= 2, sum(ns) * 0.2 + 0.2 + START_UP);
        String program = run.command();
        if (run.thrown() != null) {
            fail(program + " ended with an exception instead of keeping the failure as a result: " + run.thrown());
        }
        List<ProgramRun.Line> lines = run.lines();
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
    // two (at least 1.4 s) after the first line, and not before half the longest task's wait (a program that does
    // not wait reads about 0 s).
    @Test
    @Order(2)
    void tasksWaitAtTheSameTime() {
        List<Integer> ns = randomNumbers(6, 2, 3);
        int none = 4 + random.nextInt(6); // a number none of the tasks has: no task fails
        double together = max(ns) * 0.2;
        double oneByOne = sum(ns) * 0.2;
        double bound = (together + oneByOne) / 2;
        String results = resultsLine(none, ns);

        ProgramRun run = ProgramRun.of(arguments(none, ns), lines -> ProgramRun.indexOf(lines, results) >= 0, bound + START_UP);
        String program = run.command();
        run.assertNoException();
        List<ProgramRun.Line> lines = run.lines();
        int i = ProgramRun.indexOf(lines, results);
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
        // Early bound at the midpoint between waiting (together) and not waiting at all (0 s), as the grader's own
        // checks do: the first line's stamp can lag its print on a busy host, so a right program may read a little
        // early, while one that does not wait still reads about 0 s.
        if (took < together / 2) {
            fail(program + " printed its results " + seconds(took) + " s after its first line, before its longest"
                    + " task could have ended (" + seconds(together) + " s), so it cannot have waited for every task");
        }
    }
}
