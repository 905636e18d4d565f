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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * One run of the student's program through its command line, for hidden tests: {@code Main.main(args)} on a
 * thread of its own with {@code System.out} recorded line by line, each line stamped when its line break
 * arrives. The grader compiles this class with every exercise's tests, so tests of command-line contracts
 * need not carry their own copy. Every run's arguments must lie in the exercise's declared domains
 * ({@link Arguments#check}).
 *
 * @param lines what the program printed, in order
 * @param thrown what main threw, or null
 */
public record ProgramRun(List<String> args, List<ProgramRun.Line> lines, Throwable thrown) {

    /** One printed line (trailing spaces removed) and the System.nanoTime() at which its line break arrived. */
    public record Line(String text, long nanos) {}

    /**
     * Runs Main.main(args) until main has returned and {@code complete} holds for the lines printed so far (a
     * program may leave the work to threads that outlive main), or main threw, or {@code seconds} have passed;
     * then restores System.out. Each run loads the program afresh, in a class loader of its own, so that
     * nothing a previous run left in static fields (a closed executor, a cached System.out) changes this one.
     */
    public static ProgramRun of(List<String> args, Predicate<List<Line>> complete, double seconds) {
        Arguments.check(args); // a hidden test keeps to the contract the prompt publishes
        Recorder recorder = new Recorder();
        PrintStream original = System.out;
        AtomicBoolean returned = new AtomicBoolean();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread program = new Thread(
                () -> {
                    try {
                        callMain(args.toArray(String[]::new));
                        returned.set(true);
                    } catch (Throwable t) {
                        thrown.set(t);
                    }
                },
                "program-main");
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
        return new ProgramRun(List.copyOf(args), recorder.lines(), thrown.get());
    }

    /** Calls main of a fresh copy of the program's Main class; a checked exception main declares passes through. */
    private static void callMain(String[] args) throws Throwable {
        Class<?> main = Class.forName("Main");
        CodeSource code = main.getProtectionDomain().getCodeSource();
        if (code != null && code.getLocation() != null) {
            // Not closed: threads the program started may still load its classes after main returns.
            ClassLoader fresh =
                    new URLClassLoader(new URL[] {code.getLocation()}, ClassLoader.getPlatformClassLoader());
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

    /** Collects printed lines, each stamped when its line break arrives; safe to print to from any thread. */
    private static final class Recorder extends OutputStream {
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
}
