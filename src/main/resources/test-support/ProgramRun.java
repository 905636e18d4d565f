import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * One run of the student's program through its command line, for hidden tests: the grader starts the program
 * in its sandbox, a fresh JVM per run, and hands back what it printed to standard output, each line stamped by
 * the grader's clock when its line break arrived. The tests run in the grader's trusted process and never load
 * the student's classes; this class is their only way to the program, and what comes back is data. The grader
 * compiles this class with every exercise's tests. Every run's arguments must lie in the exercise's declared
 * domains ({@link Arguments#check}).
 *
 * @param lines what the program printed, in order
 * @param thrown how the program failed (the uncaught exception of its main thread, or its exit code), or null
 */
public record ProgramRun(List<String> args, List<ProgramRun.Line> lines, String thrown) {

    /** One printed line (trailing spaces removed) and the grader's System.nanoTime() at its line break. */
    public record Line(String text, long nanos) {}

    /**
     * Runs the program with {@code args} and hands back what it printed within {@code seconds} of its start (the
     * moment just before its class loads; the JVM's start-up is not counted), and how it failed if it ended
     * within them. {@code complete} says which lines the test waits for; the program is always given until it
     * ends or its time is up, so that lines it prints after them are seen too.
     */
    public static ProgramRun of(List<String> args, Predicate<List<Line>> complete, double seconds) {
        Arguments.check(args); // a hidden test keeps to the contract the prompt publishes
        Object[] run = channel().apply("run", List.of(List.copyOf(args), seconds));
        @SuppressWarnings("unchecked")
        List<String> texts = (List<String>) run[0];
        long[] nanos = (long[]) run[1];
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            lines.add(new Line(texts.get(i), nanos[i]));
        }
        return new ProgramRun(List.copyOf(args), List.copyOf(lines), (String) run[2]);
    }

    /** The grader's side of the channel to the program: the class loader that defined the tests. */
    @SuppressWarnings("unchecked")
    static BiFunction<String, List<Object>, Object[]> channel() {
        if (ProgramRun.class.getClassLoader() instanceof BiFunction<?, ?, ?> channel) {
            return (BiFunction<String, List<Object>, Object[]>) channel;
        }
        throw new IllegalStateException("hidden tests run only in the grader");
    }

    /** The command line this run stands for, for failure messages. */
    public String command() {
        return "java Main " + String.join(" ", args);
    }

    public void assertNoException() {
        if (thrown != null) {
            fail(command() + " ended with an exception: " + thrown);
        }
    }

    /** Seconds from the program's first line to this one. */
    public double secondsAt(Line line) {
        return (line.nanos() - lines.getFirst().nanos()) / 1e9;
    }

    /** Index of the first line with exactly this text, or -1. */
    public static int indexOf(List<Line> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).text().equals(text)) {
                return i;
            }
        }
        return -1;
    }

    public static long count(List<Line> lines, String text) {
        return lines.stream().filter(l -> l.text().equals(text)).count();
    }
}
