package dev.asyncgrader.unittest;

import dev.asyncgrader.sandbox.JavaProgram;
import dev.asyncgrader.sandbox.OutputLine;
import dev.asyncgrader.sandbox.RunOutcome;
import dev.asyncgrader.sandbox.RunTranscript;
import dev.asyncgrader.unittest.call.CallRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * The class loader of one hidden-test run in the grader's own (trusted) process: it defines the exercise's
 * compiled test classes and the test-support classes, and nothing of the student's; JUnit comes from the
 * grader. It is also the call channel of {@code ProgramRun} and {@code ProgramCall}: a test hands it a command
 * line, or a method name and arguments, as data, and gets back data (printed lines with their times on the
 * grader's clock, a call's result), each from a sandboxed run of its own. Nothing the student's code does can
 * reach a verdict except through what trusted code reads from that data.
 */
final class TestClassLoader extends ClassLoader implements BiFunction<String, List<Object>, Object[]> {
    /** Time a sandboxed JVM is given to start, beyond the seconds a test allows its program. */
    static final Duration LAUNCH_ALLOWANCE = Duration.ofMillis(1000);

    private static final String UNCAUGHT = "Exception in thread \"main\" ";

    private final Map<String, byte[]> classes;
    private final Path program;
    private final String entryPoint;
    private final ProgramLauncher programs;

    TestClassLoader(
            Map<String, byte[]> classes, Path program, String entryPoint, ProgramLauncher programs, ClassLoader junit) {
        super("hidden-tests", junit);
        this.classes = Map.copyOf(classes);
        this.program = program;
        this.entryPoint = entryPoint;
        this.programs = programs;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    /**
     * {@code ("run", [List<String> args, Double seconds])} runs the program's command line and answers
     * {@code {List<String> stdout lines, long[] their nanos, String how it failed or null}};
     * {@code ("call", [String method, List<?> arguments, Double seconds])} calls a static method of the entry
     * point and answers {@code {"RESULT" or "THREW" or "NONE", Object value or text, Double seconds the call took
     * on the grader's clock, String how the run failed or null}}.
     */
    @Override
    public Object[] apply(String kind, List<Object> request) {
        double seconds = ((Number) request.getLast()).doubleValue();
        Duration wall = Duration.ofNanos(Math.round(seconds * 1e9)).plus(LAUNCH_ALLOWANCE);
        return switch (kind) {
            case "run" -> {
                List<String> args = new ArrayList<>();
                for (Object a : (List<?>) request.getFirst()) {
                    args.add((String) a);
                }
                List<String> main = new ArrayList<>(List.of(CallRunner.class.getName(), CallRunner.MAIN, entryPoint));
                main.addAll(args);
                CallClasses.writeTo(program.resolve(CallClasses.FOLDER));
                yield commandLine(
                        launch(
                                new JavaProgram(
                                        program, List.of("classes", CallClasses.FOLDER), List.of(), main, new byte[0]),
                                wall),
                        Math.round(seconds * 1e9));
            }
            case "call" -> {
                String method = (String) request.getFirst();
                byte[] arguments = CallRunner.write(request.get(1)).getBytes(StandardCharsets.UTF_8);
                CallClasses.writeTo(program.resolve(CallClasses.FOLDER));
                yield call(launch(
                        new JavaProgram(
                                program,
                                List.of("classes", CallClasses.FOLDER),
                                List.of(),
                                List.of(CallRunner.class.getName(), entryPoint, method),
                                arguments),
                        wall));
            }
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private RunTranscript launch(JavaProgram p, Duration wall) {
        try {
            return programs.run(p, wall);
        } catch (IOException e) {
            throw new IllegalStateException("the program could not be started: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the test was stopped while the program ran", e);
        }
    }

    /**
     * The lines a command-line run printed within {@code window} nanoseconds of its start line (printed by the
     * runner just before the program's class loads), as the test sees them: the JVM's start-up is not part of the
     * window, and what came later (or how the program ended later) is not seen, as if it had been stopped then.
     */
    private static Object[] commandLine(RunTranscript t, long window) {
        Long start = null;
        List<String> texts = new ArrayList<>();
        List<Long> nanos = new ArrayList<>();
        for (OutputLine line : t.lines()) {
            if (line.stream() != OutputLine.Stream.STDOUT) {
                continue;
            }
            if (start == null) {
                if (line.text().equals(CallRunner.START)) {
                    start = line.nanos();
                }
            } else if (line.nanos() - start <= window) {
                texts.add(line.text().stripTrailing());
                nanos.add(line.nanos());
            }
        }
        String failure;
        if (start == null) {
            failure = failure(t) != null ? failure(t) : "the program did not start in time";
        } else {
            failure = t.endNanos() - start > window ? null : failure(t);
        }
        return new Object[] {
            List.copyOf(texts), nanos.stream().mapToLong(Long::longValue).toArray(), failure
        };
    }

    /**
     * The call's answer: the first result or exception line after the runner's start line, the time between the
     * two taken from the grader's stamps. The start line comes before the runner loads the program's class; a
     * second answer (the program printing its own), or a run that did not end right after its answer, makes the
     * call's answer void.
     */
    private static Object[] call(RunTranscript t) {
        Long start = null;
        Object[] answer = null;
        int answers = 0;
        for (OutputLine line : t.lines()) {
            if (line.stream() != OutputLine.Stream.STDOUT) {
                continue;
            }
            String text = line.text();
            if (start == null) {
                if (text.equals(CallRunner.START)) {
                    start = line.nanos();
                }
                continue;
            }
            boolean result = text.startsWith(CallRunner.RESULT);
            if (result || text.startsWith(CallRunner.THREW)) {
                answers++;
                if (answer == null) {
                    String data = text.substring((result ? CallRunner.RESULT : CallRunner.THREW).length());
                    Object value;
                    try {
                        value = CallRunner.read(data);
                    } catch (RuntimeException | StackOverflowError malformed) {
                        // The student's side wrote it: whatever it is, it is only data that failed to parse.
                        return new Object[] {"NONE", null, 0.0, "the call's answer could not be read"};
                    }
                    answer = new Object[] {result ? "RESULT" : "THREW", value, (line.nanos() - start) / 1e9, null};
                }
            }
        }
        if (answers > 1) {
            return new Object[] {"NONE", null, 0.0, "the call answered " + answers + " times"};
        }
        // The runner halts with 0 right after answering: a run that ended otherwise (the program printed an answer
        // of its own and then kept the call from returning) answered nothing.
        if (answer == null || !(t.outcome() instanceof RunOutcome.Exited e && e.code() == 0)) {
            String why = failure(t);
            return new Object[] {"NONE", null, 0.0, why != null ? why : "the call did not return in time"};
        }
        return answer;
    }

    private static @Nullable String failure(RunTranscript t) {
        String uncaught = null;
        for (OutputLine line : t.lines()) {
            if (line.stream() == OutputLine.Stream.STDERR && line.text().startsWith(UNCAUGHT)) {
                uncaught = line.text().substring(UNCAUGHT.length());
                break;
            }
        }
        return switch (t.outcome()) {
            case RunOutcome.Exited e when e.code() == 0 -> null;
            case RunOutcome.Exited e -> uncaught != null ? uncaught : "the program ended with exit code " + e.code();
            case RunOutcome.TimedOut timedOut -> null; // stopped at the test's time limit; the lines judge it
            case RunOutcome.OutputLimitExceeded o -> "the program printed too much (" + o.limit() + ")";
            case RunOutcome.LimitExceeded l -> "the program was stopped: " + l.limit();
            case RunOutcome.FailedToStart f ->
                throw new IllegalStateException("the program could not be started: " + f.reason());
        };
    }
}
