package dev.asyncgrader.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteResultHandler;
import org.apache.commons.exec.ProcessDestroyer;
import org.apache.commons.exec.PumpStreamHandler;
import org.jspecify.annotations.Nullable;

/**
 * Starts a student program in a fresh JVM and records what it prints.
 *
 * <p>Each run gets its own temporary working directory (deleted afterwards), a closed standard input, a
 * scrubbed environment, a heap limit, a pinned CPU count, an output cap and a wall-clock limit after
 * which the whole process tree is killed. Every line is stamped with the grader's monotonic clock.
 */
public final class JvmLauncher {
    /** Flags chosen for short-lived student programs: fast start, small footprint, no attach, no agents. */
    private static final List<String> JVM_FLAGS = List.of(
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xss512k",
            "-XX:MaxDirectMemorySize=64m",
            "-XX:+DisableAttachMechanism",
            "-XX:-EnableDynamicAgentLoading",
            "-Dfile.encoding=UTF-8",
            "-Dstdout.encoding=UTF-8",
            "-Dstderr.encoding=UTF-8",
            "-Duser.language=en",
            "-Duser.country=US");

    private final Path javaExecutable;
    private final List<String> versionFlags;
    private final Isolation isolation;

    /** A launcher for student JVMs of the JDK at {@code javaHome}, confined by {@code isolation}. */
    public JvmLauncher(Path javaHome, int javaFeatureVersion, Isolation isolation) {
        this.javaExecutable = javaHome.resolve("bin").resolve("java");
        this.isolation = isolation;
        if (!Files.isExecutable(javaExecutable)) {
            throw new IllegalStateException(
                    "No java executable at " + javaExecutable + "; point the grader at a JDK 21+.");
        }
        // A second layer behind the OS sandbox, where the JDK knows the flag: no native access, no Unsafe memory
        // access.
        List<String> flags = new ArrayList<>();
        if (javaFeatureVersion >= 23) {
            flags.add("--sun-misc-unsafe-memory-access=deny");
        }
        if (javaFeatureVersion >= 24) {
            flags.add("--illegal-native-access=deny");
        }
        this.versionFlags = List.copyOf(flags);
    }

    /** A launcher using the JDK the grader itself runs on. */
    public static JvmLauncher ofCurrentJdk(Isolation isolation) {
        return new JvmLauncher(
                Path.of(System.getProperty("java.home")), Runtime.version().feature(), isolation);
    }

    /**
     * Runs {@code program} and waits for it to end or be killed.
     *
     * @param live receives each line as it arrives (for streaming to a browser); may be a no-op
     */
    public RunTranscript run(JavaProgram program, RunLimits limits, Consumer<OutputLine> live)
            throws IOException, InterruptedException {
        return run(program, limits, live, null);
    }

    /** Runs {@code program} inside the given network namespace (a fixture's); null for a network of its own. */
    public RunTranscript run(JavaProgram program, RunLimits limits, Consumer<OutputLine> live, @Nullable String network)
            throws IOException, InterruptedException {
        Path runDir = Files.createTempDirectory("async-grader-run-");
        try (Isolation.Confinement confinement = isolation.confine(runDir, program.dir(), limits, network)) {
            return runIn(runDir, confinement, program, limits, live);
        } finally {
            deleteTree(runDir);
        }
    }

    private RunTranscript runIn(
            Path runDir,
            Isolation.Confinement confinement,
            JavaProgram program,
            RunLimits limits,
            Consumer<OutputLine> live)
            throws IOException, InterruptedException {
        List<String> wrapped = confinement.wrap(javaCommand(confinement.programInside(), program, limits, List.of()));

        CommandLine line = new CommandLine(wrapped.getFirst());
        for (String arg : wrapped.subList(1, wrapped.size())) {
            line.addArgument(arg, false);
        }

        AtomicReference<Process> process = new AtomicReference<>();
        AtomicLong endNanos = new AtomicLong(-1);
        long launchNanos = System.nanoTime();
        DefaultExecutor executor =
                DefaultExecutor.builder().setWorkingDirectory(runDir.toFile()).get();
        // Commons Exec's own watchdog kills only the direct child; the destroyer hook hands the Process
        // out so that ProcessTermination can kill the whole tree instead.
        executor.setProcessDestroyer(new ProcessDestroyer() {
            @Override
            public boolean add(Process p) {
                // Stamp the end on a thread of our own: Process.onExit() completes on the common pool, which
                // blocked callers may have exhausted, so it must never be waited on here.
                Thread.ofVirtual().name("exit-watch").start(() -> {
                    try {
                        p.waitFor();
                        endNanos.compareAndSet(-1, System.nanoTime() - launchNanos);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                process.set(p);
                return true;
            }

            @Override
            public boolean remove(Process p) {
                return true;
            }

            @Override
            public int size() {
                return process.get() == null ? 0 : 1;
            }
        });
        executor.setExitValues(null);

        List<OutputLine> lines = new CopyOnWriteArrayList<>();
        Consumer<OutputLine> collect = l -> {
            lines.add(l);
            live.accept(l);
        };
        StampedLineSink.OutputBudget budget =
                new StampedLineSink.OutputBudget(limits.maxLines(), limits.maxBytes(), () -> {
                    Process p = process.get();
                    if (p != null) {
                        ProcessTermination.killTree(p);
                    }
                });
        PumpStreamHandler streams = new PumpStreamHandler(
                new StampedLineSink(OutputLine.Stream.STDOUT, launchNanos, budget, collect),
                new StampedLineSink(OutputLine.Stream.STDERR, launchNanos, budget, collect),
                program.stdin().length == 0 ? null : new java.io.ByteArrayInputStream(program.stdin()));
        streams.setStopTimeout(Duration.ofSeconds(2));
        executor.setStreamHandler(streams);

        ProcessResult result = new ProcessResult();
        try {
            executor.execute(line, scrubbedEnvironment(confinement.workDirInside(runDir)), result);
        } catch (IOException e) {
            return new RunTranscript(
                    List.of(),
                    new RunOutcome.FailedToStart(Objects.requireNonNullElse(e.getMessage(), e.toString())),
                    0);
        }
        boolean timedOut;
        try {
            timedOut = !result.await(limits.wallTime());
        } catch (InterruptedException e) {
            // Whoever waits gave up (a hidden test at its time limit): the program must not outlive the wait.
            if (process.get() != null) {
                ProcessTermination.killTree(process.get());
            }
            throw e;
        }
        if (timedOut && process.get() != null) {
            ProcessTermination.killTree(process.get());
        }
        result.await();
        if (process.get() != null) {
            process.get().waitFor();
        }
        long end = endNanos.get() >= 0 ? endNanos.get() : System.nanoTime() - launchNanos;

        List<OutputLine> ordered = new ArrayList<>(lines);
        ordered.sort(Comparator.comparingLong(OutputLine::nanos));
        RunOutcome outcome;
        if (budget.exceeded()) {
            outcome = new RunOutcome.OutputLimitExceeded(budget.describe());
        } else if (confinement.limitReached() != null) {
            // Before the timeout: a thread bomb's main thread dies at the limit while its threads live on
            // until killed at the wall time, and the limit is the cause worth telling.
            outcome = new RunOutcome.LimitExceeded(confinement.limitReached());
        } else if (timedOut) {
            outcome = new RunOutcome.TimedOut(limits.wallTime());
        } else if (result.failure instanceof ExecuteException failure && process.get() == null) {
            outcome =
                    new RunOutcome.FailedToStart(Objects.requireNonNullElse(failure.getMessage(), failure.toString()));
        } else {
            outcome = new RunOutcome.Exited(result.exitValue);
        }
        return new RunTranscript(List.copyOf(ordered), outcome, end);
    }

    /**
     * The plain {@code java ...} command of a run, before its confinement wraps it; {@code extraModules} are
     * JDK modules allowed beyond Java SE (the notebook kernel's agent needs {@code jdk.jshell}).
     */
    private List<String> javaCommand(Path inside, JavaProgram program, RunLimits limits, List<String> extraModules) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.add("-Xmx" + limits.heapMb() + "m");
        command.add("-XX:ActiveProcessorCount=" + limits.cpus());
        command.addAll(JVM_FLAGS);
        command.addAll(versionFlags);
        if (program.modulePath().isEmpty()) {
            // Only the Java SE modules: no jdk.management (a heap dump of the program's own memory), jdk.jfr,
            // jdk.attach or jdk.unsupported; student programs need nothing else.
            command.add("--limit-modules");
            command.add(String.join(
                    ",",
                    Stream.concat(Stream.of("java.se"), extraModules.stream()).toList()));
        } else {
            command.add("--module-path");
            command.add(pathList(inside, program.modulePath()));
            command.add("--add-modules");
            command.add("ALL-MODULE-PATH");
        }
        command.add("-cp");
        command.add(pathList(inside, program.classpath()));
        command.addAll(program.main());
        return command;
    }

    /**
     * A sandboxed JVM kept running for a conversation over its standard input and output (the notebook kernel's
     * agent), confined exactly as a run is; {@link #close()} kills its process tree and removes its folder.
     */
    public static final class Session implements AutoCloseable {
        private final Process process;
        private final Path runDir;
        private final Isolation.Confinement confinement;

        private Session(Process process, Path runDir, Isolation.Confinement confinement) {
            this.process = process;
            this.runDir = runDir;
            this.confinement = confinement;
        }

        /** The confined process (its streams carry the conversation). */
        public Process process() {
            return process;
        }

        @Override
        public void close() throws IOException {
            ProcessTermination.killTree(process);
            try {
                process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                confinement.close();
            } finally {
                deleteTree(runDir);
            }
        }
    }

    /**
     * Starts {@code program} confined like {@link #run} (same flags, environment, sandbox and limits; the wall time
     * only sets the CPU-time rlimit) but with its standard streams open, and with {@code extraModules} allowed.
     */
    public Session startSession(JavaProgram program, RunLimits limits, List<String> extraModules) throws IOException {
        Path runDir = Files.createTempDirectory("async-grader-session-");
        Isolation.Confinement confinement = isolation.confine(runDir, program.dir(), limits, null);
        try {
            List<String> command =
                    confinement.wrap(javaCommand(confinement.programInside(), program, limits, extraModules));
            ProcessBuilder builder = new ProcessBuilder(command).directory(runDir.toFile());
            builder.environment().clear();
            builder.environment().putAll(scrubbedEnvironment(confinement.workDirInside(runDir)));
            return new Session(builder.start(), runDir, confinement);
        } catch (IOException | RuntimeException e) {
            confinement.close();
            deleteTree(runDir);
            throw e;
        }
    }

    /**
     * The end of the process and of its output streams, signalled at once (Commons Exec's own handler polls
     * every 50 ms, which every verdict would wait for).
     */
    private static final class ProcessResult implements ExecuteResultHandler {
        private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        volatile int exitValue;
        volatile @Nullable ExecuteException failure;

        @Override
        public void onProcessComplete(int exitValue) {
            this.exitValue = exitValue;
            done.countDown();
        }

        @Override
        public void onProcessFailed(ExecuteException e) {
            this.exitValue = e.getExitValue();
            this.failure = e;
            done.countDown();
        }

        boolean await(Duration limit) throws InterruptedException {
            return done.await(limit.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        }

        void await() throws InterruptedException {
            done.await();
        }
    }

    /** A class or module path of {@code entries} (relative to the program's folder) as the program sees them. */
    private static String pathList(Path inside, List<String> entries) {
        return String.join(
                ":", entries.stream().map(e -> inside.resolve(e).toString()).toList());
    }

    /** Only what a JVM needs: no inherited secrets, tokens, proxies or JAVA_TOOL_OPTIONS. */
    private static Map<String, String> scrubbedEnvironment(Path workDir) {
        return Map.of(
                "PATH", "/usr/bin:/bin",
                "LANG", "C.UTF-8",
                "TZ", "UTC",
                "HOME", workDir.toString(),
                "TMPDIR", workDir.toString());
    }

    /** Deletes a folder made for a run without following links the program may have planted in it. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
