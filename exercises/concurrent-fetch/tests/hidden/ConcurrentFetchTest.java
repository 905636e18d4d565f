import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

// Runs the student's program through its command-line contract only, Main.main(args), with user IDs and waits
// it has not seen (drawn from the argument domains of exercise.yaml, which the prompt states), and records every line it prints with the time it was printed. The contract:
// `Main SECONDS ID...`, for every ID at once prints "Fetching user <ID>...", waits SECONDS and yields
// "User <ID>"; when all are done it prints "Done in <T>s" (one decimal), then "User <ID>" for each ID in
// argument order. Times are measured from the program's first line, as the grader does; the time the program
// prints is not trusted.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConcurrentFetchTest {
    /** Extra time, beyond a test's bound, for the program to load and print its first line. */
    private static final double START_UP = 0.3;

    /** Threads of the common pool with the 4 CPUs the student JVM is told it has (cpus in exercise.yaml). */
    private static final int COMMON_POOL_THREADS = 3;

    private static final String DONE = "Done in \\d+\\.\\ds";

    private final Random random = new Random();

    /**
     * Distinct random IDs, drawn from the domain exercise.yaml declares for them (and the prompt publishes):
     * only values a student could have been told to expect.
     */
    private List<String> randomIds(int count) {
        return Arguments.some("ids", count, random);
    }

    private static List<String> arguments(String seconds, List<String> ids) {
        List<String> args = new ArrayList<>();
        args.add(seconds);
        args.addAll(ids);
        return args;
    }

    private static String fetching(String id) {
        return "Fetching user " + id + "...";
    }

    private static String user(String id) {
        return "User " + id;
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2f", s);
    }

    // Exactly the lines of the contract: one "Fetching user <ID>..." per ID (in any order), then one
    // "Done in <T>s", then one "User <ID>" per ID in the order of the IDs. Five to eight IDs, 0.2 s per fetch;
    // the run is given as long as the fetches take one after another (at most 1.6 s), and a little more: this
    // test is about the lines and their order, not the time.
    @Test
    @Order(1)
    void resultsInOrderOfIds() {
        List<String> ids = randomIds(5 + random.nextInt(4));
        String wait = "0.2";

        ProgramRun run = ProgramRun.of(arguments(wait, ids), lines -> lines.size() >= 2 * ids.size() + 1,
                ids.size() * 0.2 + 0.2 + START_UP);
        String program = run.command();
        run.assertNoException();
        List<ProgramRun.Line> lines = run.lines();

        List<String> expected = new ArrayList<>();
        ids.forEach(id -> expected.add(fetching(id)));
        ids.forEach(id -> expected.add(user(id)));
        for (String line : expected) {
            long n = ProgramRun.count(lines, line);
            if (n == 0) {
                fail(program + " never printed \"" + line + "\"");
            } else if (n > 1) {
                fail(program + " printed \"" + line + "\" " + n + " times instead of once");
            }
        }
        List<Integer> done = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).text();
            if (text.matches(DONE)) {
                done.add(i);
            } else if (!expected.contains(text)) {
                fail(program + " also printed \"" + text + "\", which is not expected");
            }
        }
        if (done.size() != 1) {
            fail(program + " printed " + done.size() + " lines \"Done in <T>s\" (T with one decimal, e.g. \"Done in"
                    + " 0.2s\") instead of one");
        }
        int d = done.getFirst();
        for (String id : ids) {
            if (ProgramRun.indexOf(lines, fetching(id)) > d) {
                fail(program + " printed \"" + fetching(id) + "\" after \"" + lines.get(d).text() + "\"");
            }
            if (ProgramRun.indexOf(lines, user(id)) < d) {
                fail(program + " printed \"" + user(id) + "\" before \"" + lines.get(d).text()
                        + "\": print the \"Done in\" line first, then the users");
            }
        }
        List<String> printed = lines.stream().map(ProgramRun.Line::text).filter(t -> t.startsWith("User ")).toList();
        if (!printed.equals(ids.stream().map(ConcurrentFetchTest::user).toList())) {
            fail(program + " printed the users in the order " + printed + " instead of the order of the IDs");
        }
    }

    // All fetches wait at the same time: ten to twelve IDs, 0.5 or 0.6 s per fetch. At the same time that takes
    // one fetch's wait; three at a time (the common pool with 4 CPUs) four waits, one after another far more.
    // The program's last line must come no later than the midpoint (two and a half waits, 1.25 to 1.5 s) after
    // its first, and not before half a fetch's wait (a program that does not wait reads about 0 s).
    @Test
    @Order(2)
    void fetchesWaitAtTheSameTime() {
        List<String> ids = randomIds(10 + random.nextInt(3));
        boolean half = random.nextBoolean();
        String wait = half ? "0.5" : "0.6";
        double together = half ? 0.5 : 0.6;
        double inWaves = Math.ceil(ids.size() / (double) COMMON_POOL_THREADS) * together;
        double bound = (together + inWaves) / 2;
        List<String> last = new ArrayList<>();
        ids.forEach(id -> last.add(user(id)));

        ProgramRun run = ProgramRun.of(arguments(wait, ids),
                lines -> last.stream().allMatch(u -> ProgramRun.indexOf(lines, u) >= 0), bound + START_UP);
        String program = run.command();
        run.assertNoException();
        List<ProgramRun.Line> lines = run.lines();
        for (String u : last) {
            if (ProgramRun.indexOf(lines, u) < 0) {
                fail(program + " did not print \"" + u + "\" within " + seconds(bound) + " s: with all "
                        + ids.size() + " fetches waiting at the same time it takes " + seconds(together) + " s");
            }
        }
        double took = run.secondsAt(lines.getLast());
        if (took > bound) {
            fail(program + " printed its last line " + seconds(took) + " s after its first: with all " + ids.size()
                    + " fetches waiting at the same time it takes " + seconds(together) + " s");
        }
        // Early bound at the midpoint between waiting (together) and not waiting at all (0 s), as the grader's own
        // checks do: the first line's stamp can lag its print on a busy host, so a right program may read a little
        // early, while one that does not wait still reads about 0 s.
        if (took < together / 2) {
            fail(program + " printed its last line " + seconds(took) + " s after its first, before a fetch could"
                    + " have ended (" + seconds(together) + " s), so it cannot have waited for every fetch");
        }
    }
}
