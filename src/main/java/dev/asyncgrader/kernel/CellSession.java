package dev.asyncgrader.kernel;

import dev.asyncgrader.feedback.Messages;
import dev.asyncgrader.kernel.agent.EvaluationAgent;
import dev.asyncgrader.sandbox.JavaProgram;
import dev.asyncgrader.sandbox.JvmLauncher;
import dev.asyncgrader.sandbox.RunLimits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The notebook's JShell session in a sandboxed JVM: starts the {@link EvaluationAgent} there, sends it cells and
 * hands what they print to the caller line by line as it arrives. An interrupt asks the agent to stop the cell; a
 * cell that does not stop within {@link #STOP_GRACE} (a loop in native code, threads that ignore interrupts) costs
 * the JVM, which is replaced by a fresh one.
 */
final class CellSession implements AutoCloseable {
    static final Duration STOP_GRACE = Duration.ofSeconds(3);
    private static final Duration START_LIMIT = Duration.ofSeconds(90);
    private static final Duration QUERY_LIMIT = Duration.ofSeconds(20);

    /**
     * The agent's limits: the same sandbox as grading; a heap for the compiler and the cells; wall time only sets
     * the CPU-time rlimit of a long session; four CPUs, like most exercises, so pools are sized as when graded.
     */
    private static final RunLimits LIMITS =
            new RunLimits(Duration.ofHours(4), 384, Integer.MAX_VALUE, Long.MAX_VALUE, 4);

    /** Where a cell's output goes, line by line, as it is printed. */
    interface Output {
        void stream(String name, String text);
    }

    private final JvmLauncher launcher;
    private final PrintStream log;
    private final Output betweenCells;
    private Path programDir;
    // Replaced together on a restart (under this object's lock), read by a running cell without it.
    private volatile JvmLauncher.Session jvm;
    private volatile Writer toAgent;
    private volatile BlockingQueue<List<String>> frames;
    private volatile boolean ended; // the agent's output ended while no cell ran: its JVM is gone
    private volatile long interruptedAt;
    private volatile boolean running;
    private boolean closed;

    /**
     * @param betweenCells receives what threads an earlier cell left running print while no cell runs (called on
     *     the thread that calls {@link #drainBetweenCells}, {@link #complete} or {@link #completeness})
     */
    CellSession(JvmLauncher launcher, PrintStream log, Output betweenCells) {
        this.launcher = launcher;
        this.log = log;
        this.betweenCells = betweenCells;
    }

    /** The sandboxed JVM's process id as the host sees it (the sandbox's own wrapper), or -1 before start. */
    synchronized long pid() {
        return jvm == null ? -1 : jvm.process().pid();
    }

    /** Starts the agent's JVM and waits until its JShell is ready. */
    synchronized void start() throws IOException {
        if (closed) {
            throw new IOException("the kernel is shutting down");
        }
        if (programDir == null) {
            programDir = Files.createTempDirectory("async-grader-kernel-");
            AgentClasses.writeTo(programDir);
        }
        JavaProgram program = new JavaProgram(
                programDir,
                List.of(AgentClasses.FOLDER),
                List.of(),
                List.of(EvaluationAgent.class.getName()),
                new byte[0]);
        jvm = launcher.startSession(program, LIMITS, List.of("jdk.jshell"));
        Process p = jvm.process();
        toAgent = new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
        BlockingQueue<List<String>> queue = new LinkedBlockingQueue<>();
        frames = queue;
        List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread.ofPlatform().daemon().name("agent-out").start(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    queue.add(EvaluationAgent.unframe(line));
                }
            } catch (IOException e) {
                // the JVM is gone; said below
            }
            queue.add(List.of("eof"));
        });
        Thread.ofPlatform().daemon().name("agent-err").start(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    errors.add(line);
                    log.println("agent: " + line);
                }
            } catch (IOException e) {
                // the JVM is gone
            }
        });
        List<String> first;
        try {
            first = queue.poll(START_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the cell JVM", e);
        }
        if (first == null || !first.getFirst().equals(EvaluationAgent.READY)) {
            String why = first == null
                    ? "it did not become ready within " + START_LIMIT.toSeconds() + " s"
                    : String.join(" ", first);
            closeJvm();
            throw new IOException("the sandboxed cell JVM did not start: " + why + " " + String.join("\n", errors));
        }
    }

    /** Evaluates {@code code}, passing what it prints to {@code out} as it is printed. */
    CellOutcome execute(String code, Output out) throws IOException {
        synchronized (this) {
            if (jvm == null || ended || !jvm.process().isAlive()) {
                restart();
            }
            interruptedAt = 0;
            running = true;
        }
        try {
            send(EvaluationAgent.EVAL, code);
            String value = null;
            CellOutcome.Failed failed = null;
            while (true) {
                List<String> frame;
                try {
                    frame = frames.poll(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new CellOutcome.Interrupted(false);
                }
                long asked = interruptedAt;
                if (frame == null) {
                    if (asked != 0 && System.nanoTime() - asked > STOP_GRACE.toNanos()) {
                        out.stream("stderr", Messages.cellJvmRestarted(STOP_GRACE.toSeconds()) + "\n");
                        restart();
                        return new CellOutcome.Interrupted(true);
                    }
                    continue;
                }
                switch (frame.getFirst()) {
                    case EvaluationAgent.OUT -> out.stream("stdout", frame.get(1));
                    case EvaluationAgent.ERR -> out.stream("stderr", frame.get(1));
                    case EvaluationAgent.VALUE -> value = frame.get(1);
                    case EvaluationAgent.ERROR ->
                        failed = new CellOutcome.Failed(
                                frame.get(1), frame.get(2), List.of(frame.get(3).split("\n", -1)));
                    case EvaluationAgent.DONE -> {
                        return switch (frame.get(1)) {
                            case "stopped" -> new CellOutcome.Interrupted(false);
                            case "error" ->
                                failed != null ? failed : new CellOutcome.Failed("Error", "the cell failed", List.of());
                            default ->
                                asked != 0 ? new CellOutcome.Interrupted(false) : new CellOutcome.Completed(value);
                        };
                    }
                    case "eof" -> {
                        int exit = exitCode();
                        String text = Messages.cellJvmEnded(exit);
                        restart();
                        if (asked != 0) {
                            return new CellOutcome.Interrupted(true);
                        }
                        return new CellOutcome.Failed("CellJvmEnded", text, List.of(text));
                    }
                    default -> log.println("agent sent an unknown frame: " + frame);
                }
            }
        } finally {
            running = false;
        }
    }

    private int exitCode() {
        try {
            Process p = jvm.process();
            return p.waitFor(2, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Asks the running cell, if any, to stop; {@link #execute} replaces the JVM if it does not. */
    void interrupt() {
        if (!running) {
            return;
        }
        interruptedAt = System.nanoTime();
        try {
            send(EvaluationAgent.STOP);
        } catch (IOException e) {
            log.println("could not ask the cell to stop: " + e.getMessage());
        }
    }

    /** Completions at {@code cursor}: the start of the replaced text, then the candidates. */
    List<String> complete(String code, int cursor) throws IOException {
        List<String> answer =
                ask(EvaluationAgent.COMPLETIONS, EvaluationAgent.COMPLETE, Integer.toString(cursor), code);
        return answer == null ? List.of(Integer.toString(cursor)) : answer.subList(1, answer.size());
    }

    /** The signatures of what is named at {@code cursor}, one a line; empty if nothing is. */
    String documentation(String code, int cursor) throws IOException {
        List<String> answer =
                ask(EvaluationAgent.DOCUMENTATION, EvaluationAgent.INSPECT, Integer.toString(cursor), code);
        return answer == null ? "" : answer.get(1);
    }

    /** "complete", "incomplete", "invalid" or "unknown" (no answer). */
    String completeness(String code) throws IOException {
        List<String> answer = ask(EvaluationAgent.COMPLETENESS, EvaluationAgent.IS_COMPLETE, code);
        return answer == null ? "unknown" : answer.get(1);
    }

    /** Passes on what was printed since the last cell ended, without waiting. */
    void drainBetweenCells() {
        BlockingQueue<List<String>> queue = frames;
        if (running || queue == null) {
            return;
        }
        List<String> frame;
        while ((frame = queue.poll()) != null) {
            between(frame);
        }
    }

    private void between(List<String> frame) {
        switch (frame.getFirst()) {
            case EvaluationAgent.OUT -> betweenCells.stream("stdout", frame.get(1));
            case EvaluationAgent.ERR -> betweenCells.stream("stderr", frame.get(1));
            case "eof" -> ended = true;
            default -> log.println("agent frame between cells: " + frame);
        }
    }

    private synchronized List<String> ask(String answerTag, String... request) throws IOException {
        if (jvm == null || ended || !jvm.process().isAlive()) {
            restart();
        }
        send(request);
        long deadline = System.nanoTime() + QUERY_LIMIT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                List<String> frame = frames.poll(100, TimeUnit.MILLISECONDS);
                if (frame == null) {
                    continue;
                }
                if (frame.getFirst().equals(answerTag)) {
                    return frame;
                }
                between(frame);
                if (frame.getFirst().equals("eof")) {
                    return null;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private void send(String... request) throws IOException {
        Writer w = toAgent;
        synchronized (w) {
            w.write(EvaluationAgent.frame(request[0], java.util.Arrays.copyOfRange(request, 1, request.length)));
            w.write('\n');
            w.flush();
        }
    }

    /** Ends the JVM (its state with it) and starts a fresh one. */
    synchronized void restart() throws IOException {
        closeJvm();
        ended = false;
        start();
    }

    private void closeJvm() {
        if (jvm != null) {
            try {
                jvm.close();
            } catch (IOException e) {
                log.println("closing the cell JVM: " + e.getMessage());
            }
            jvm = null;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeJvm();
        if (programDir != null) {
            try {
                JvmLauncher.deleteTree(programDir);
            } catch (IOException e) {
                log.println("removing " + programDir + ": " + e.getMessage());
            }
        }
    }
}
