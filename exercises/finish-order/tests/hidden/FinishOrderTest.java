import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

// Runs the student's program through its command-line contract only, Main.main(args), with tasks it has
// not seen ("NAME:SECONDS", four of them, waits of 0.2 to 1 s), and records every line it prints with the
// time it was printed. The contract: for every task at once, print "<NAME> started", wait SECONDS, print
// "<NAME> finished after <SECONDS>s" (SECONDS exactly as given); all started lines first, each finished line
// as its task's wait ends. Times are measured from the program's first line, as the grader does.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FinishOrderTest {
    /** Extra time, beyond a test's bound, for the program to load and print its first line. */
    private static final double START_UP = 0.3;

    private final Random random = new Random();

    record Task(String name, int tenths, String written) {
        String argument() {
            return name + ":" + written;
        }

        String started() {
            return name + " started";
        }

        String finished() {
            return name + " finished after " + written + "s";
        }

        double seconds() {
            return tenths / 10.0;
        }
    }

    /** Four tasks with distinct random names and four of the waits 0.2, 0.4, ..., 1 s, not in ascending order. */
    private List<Task> randomTasks() {
        List<Integer> tenths = new ArrayList<>(List.of(2, 4, 6, 8, 10));
        Collections.shuffle(tenths, random);
        tenths = new ArrayList<>(tenths.subList(0, 4));
        while (tenths.equals(tenths.stream().sorted().toList())) {
            Collections.shuffle(tenths, random);
        }
        Set<String> names = new HashSet<>();
        List<Task> tasks = new ArrayList<>();
        for (int t : tenths) {
            String name;
            do {
                name = randomName();
            } while (!names.add(name));
            String written = t == 10 ? (random.nextBoolean() ? "1" : "1.0") : "0." + t;
            tasks.add(new Task(name, t, written));
        }
        return tasks;
    }

    /** A task name drawn from the domain exercise.yaml declares for it (and the prompt states). */
    private String randomName() {
        return Arguments.field("tasks", "name", random);
    }

    private static List<String> arguments(List<Task> tasks) {
        return tasks.stream().map(Task::argument).toList();
    }

    // All "started" lines come before any "finished" line, the "finished" lines come in the order of the
    // waits, and every task prints its two lines once. The run is given the midpoint between the longest wait
    // (all at the same time) and the sum of the waits (one after another) to print its lines.
    @Test
    @Order(1)
    void startsAllThenFinishesInOrderOfWaits() {
        List<Task> tasks = randomTasks();
        double together = tasks.stream().mapToDouble(Task::seconds).max().orElseThrow();
        double oneByOne = tasks.stream().mapToDouble(Task::seconds).sum();
        double bound = (together + oneByOne) / 2;
        List<String> expected = new ArrayList<>();
        tasks.forEach(t -> expected.add(t.started()));
        tasks.forEach(t -> expected.add(t.finished()));

        ProgramRun run = ProgramRun.of(arguments(tasks), lines -> expected.stream().allMatch(e -> ProgramRun.indexOf(lines, e) >= 0),
                bound + START_UP);
        String program = run.command();
        run.assertNoException();
        List<ProgramRun.Line> lines = run.lines();

        for (String line : expected) {
            long n = ProgramRun.count(lines, line);
            if (n > 1) {
                fail(program + " printed \"" + line + "\" " + n + " times instead of once");
            }
        }
        for (int end = 0; end < lines.size(); end++) {
            String finished = lines.get(end).text();
            if (tasks.stream().noneMatch(t -> t.finished().equals(finished))) {
                continue;
            }
            for (Task t : tasks) {
                int start = ProgramRun.indexOf(lines, t.started());
                if (start < 0 || start > end) {
                    fail(program + " printed \"" + finished + "\"" + (start < 0 ? ", but never " : " before ")
                            + "\"" + t.started() + "\": every task should start before any task finishes");
                }
            }
        }
        List<Task> byWait = tasks.stream()
                .sorted((a, b) -> Integer.compare(a.tenths(), b.tenths()))
                .filter(t -> ProgramRun.indexOf(lines, t.finished()) >= 0)
                .toList();
        for (int i = 0; i + 1 < byWait.size(); i++) {
            Task shorter = byWait.get(i);
            Task longer = byWait.get(i + 1);
            if (ProgramRun.indexOf(lines, longer.finished()) < ProgramRun.indexOf(lines, shorter.finished())) {
                fail(program + " printed \"" + longer.finished() + "\" before \"" + shorter.finished()
                        + "\": each task should print its \"finished\" line as soon as its own wait is over");
            }
        }
        for (String line : expected) {
            if (ProgramRun.indexOf(lines, line) < 0) {
                fail(program + " did not print \"" + line + "\" within " + seconds(bound) + " s (all tasks waiting"
                        + " at the same time take " + seconds(together) + " s)");
            }
        }
    }

    // All tasks wait at the same time: each "finished" line comes its own wait after the program's first line,
    // not earlier, and not later than the midpoint between its own wait and the sum of all waits (what tasks
    // waiting one after another would show for the last of them).
    @Test
    @Order(2)
    void eachTaskWaitsItsOwnTime() {
        List<Task> tasks = randomTasks();
        double together = tasks.stream().mapToDouble(Task::seconds).max().orElseThrow();
        double oneByOne = tasks.stream().mapToDouble(Task::seconds).sum();
        double bound = (together + oneByOne) / 2;

        ProgramRun run = ProgramRun.of(arguments(tasks),
                lines -> tasks.stream().allMatch(t -> ProgramRun.indexOf(lines, t.finished()) >= 0), bound + START_UP);
        String program = run.command();
        run.assertNoException();
        List<ProgramRun.Line> lines = run.lines();
        if (lines.isEmpty()) {
            fail(program + " printed nothing within " + seconds(bound + START_UP) + " s");
        }

        for (Task t : tasks) {
            double latest = (t.seconds() + oneByOne) / 2;
            int i = ProgramRun.indexOf(lines, t.finished());
            if (i < 0) {
                fail(program + " did not print \"" + t.finished() + "\" within " + seconds(bound) + " s: with all"
                        + " tasks waiting at the same time it comes after " + seconds(t.seconds()) + " s, with the"
                        + " waits adding up after up to " + seconds(oneByOne) + " s");
            }
            double at = run.secondsAt(lines.get(i));
            // Early bound at the midpoint between right (its wait) and not waiting at all (0 s), as the grader's own
            // checks do: the first line's stamp can lag its print on a busy host, so a right program may read a
            // little early, while one that does not wait still reads about 0 s.
            if (at < t.seconds() / 2) {
                fail(program + " printed \"" + t.finished() + "\" " + seconds(at) + " s after its first line, before"
                        + " the task's wait of " + seconds(t.seconds()) + " s was over, so the task did not really wait");
            }
            if (at > latest) {
                fail(program + " printed \"" + t.finished() + "\" " + seconds(at) + " s after its first line, but that"
                        + " task waits only " + seconds(t.seconds()) + " s (one after another, the waits add up to "
                        + seconds(oneByOne) + " s): print it as soon as its own wait is over");
            }
        }
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2f", s);
    }
}
