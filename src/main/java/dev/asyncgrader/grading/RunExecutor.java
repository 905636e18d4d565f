package dev.asyncgrader.grading;

import dev.asyncgrader.check.RunEvidence;
import dev.asyncgrader.compile.CompileOutcome;
import dev.asyncgrader.compile.SourceCompiler;
import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.RunSpec;
import dev.asyncgrader.fixture.FixtureLog;
import dev.asyncgrader.fixture.FixtureProcess;
import dev.asyncgrader.sandbox.JavaProgram;
import dev.asyncgrader.sandbox.JvmLauncher;
import dev.asyncgrader.sandbox.RunLimits;
import dev.asyncgrader.sandbox.RunTranscript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Makes a plan's runs of a compiled submission, each in a fresh JVM, and its hidden tests: every run at the same
 * time, runs with a simulated service one at a time, the hidden tests beside the runs or after them, each run's
 * checks judged in the book as soon as it has finished. Thread-safe: the grader shares one.
 */
final class RunExecutor {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SourceCompiler compiler;
    private final JvmLauncher launcher;
    private final StartGate gate;

    RunExecutor(SourceCompiler compiler, JvmLauncher launcher, StartGate gate) {
        this.compiler = compiler;
        this.launcher = launcher;
        this.gate = gate;
    }

    /**
     * What was made: the runs in the plan's order, and what the hidden tests left (null when they were not due).
     */
    record Made(List<RunResult> runs, HiddenTests.@Nullable Done tests) {}

    /**
     * Makes the plan for {@code compiled}, telling the listener its progress; the program's folder exists only
     * while it does. {@code runsMade} hears of the runs, in the plan's order, before the hidden tests are awaited,
     * so a grading the tests end with an error still reports its runs.
     */
    Made execute(
            Exercise exercise,
            CompileOutcome.Compiled compiled,
            RunPlan plan,
            CheckBook book,
            GradingListener listener,
            Consumer<List<RunResult>> runsMade)
            throws IOException, InterruptedException {
        Path program = Files.createTempDirectory("async-grader-program-");
        try {
            writeClasses(program.resolve("classes"), compiled.classes());
            Progress progress = new Progress(plan, listener);
            HiddenTests hidden = new HiddenTests(compiler, launcher, gate, exercise, program, book, progress);
            HiddenTests.Running beside = plan.testsBeside() ? hidden.start() : null;
            List<RunResult> runs;
            try {
                runs = runAll(exercise, program, plan.runs(), book, progress);
            } catch (IOException | InterruptedException | RuntimeException e) {
                if (beside != null) {
                    beside.cancel();
                }
                throw e;
            }
            runsMade.accept(runs);
            HiddenTests.Done tests = beside != null ? beside.await() : plan.testsDue() ? hidden.run() : null;
            return new Made(runs, tests);
        } finally {
            JvmLauncher.deleteTree(program);
        }
    }

    /**
     * Makes every run at the same time, each in its own fresh JVM, and judges each run's checks as soon as it has
     * finished. Their programs mostly wait, so the submission takes about as long as its longest run; the start
     * gate still admits JVM starts and CPU-heavy programs one per core, so they do not stretch each other.
     */
    private List<RunResult> runAll(
            Exercise exercise, Path program, List<RunSpec> runs, CheckBook book, Progress progress)
            throws IOException, InterruptedException {
        RunLimits limits = RunPlan.limits(exercise, exercise.limits().wallTime());
        List<Future<RunResult>> futures = new ArrayList<>();
        // A run with a simulated service is judged by that service's own clock, in a JVM of its own; several of
        // them at once per submission starve each other's stamps on a busy host, so those runs go one at a time.
        Semaphore together = new Semaphore(exercise.fixture() == null ? Math.max(1, runs.size()) : 1, true);
        try (ExecutorService runners = Executors.newVirtualThreadPerTaskExecutor()) {
            for (RunSpec run : runs) {
                futures.add(runners.submit(() -> {
                    together.acquire();
                    try {
                        RunResult r = run(exercise, program, limits, run, progress.listener());
                        book.judge(r);
                        progress.runFinished();
                        return r;
                    } finally {
                        together.release();
                    }
                }));
            }
            List<RunResult> made = new ArrayList<>();
            for (Future<RunResult> f : futures) {
                try {
                    made.add(f.get());
                } catch (InterruptedException e) {
                    // Stopped (a student's Stop, a server shutting down): stop every run, not only this wait.
                    for (Future<RunResult> other : futures) {
                        other.cancel(true);
                    }
                    throw e;
                } catch (ExecutionException e) {
                    for (Future<RunResult> other : futures) {
                        other.cancel(true);
                    }
                    switch (e.getCause()) {
                        case IOException io -> throw io;
                        case RuntimeException re -> throw re;
                        case InterruptedException ie -> throw ie;
                        case Throwable t -> throw new IllegalStateException(t);
                    }
                }
            }
            return made;
        }
    }

    /** Makes one run: its fixture service if any, the sandboxed JVM, the evidence for the checks. */
    private RunResult run(Exercise exercise, Path program, RunLimits limits, RunSpec run, GradingListener listener)
            throws IOException, InterruptedException {
        Map<String, Object> vars = new HashMap<>(exercise.variables(run));
        FixtureProcess fixture = null;
        if (exercise.fixture() != null) {
            // Fresh values per run, so a program cannot print results it never fetched.
            vars.put("token", Long.toHexString(RANDOM.nextLong()));
            fixture = FixtureProcess.start(exercise.fixture(), vars);
        }
        RunTranscript transcript;
        FixtureLog fixtureLog = null;
        try {
            transcript = gate.run(
                    launcher,
                    JavaProgram.mainClass(program, exercise.entryPoint(), run.args()),
                    limits,
                    exercise.cpuHeavy(),
                    line -> listener.line(run.name(), line),
                    fixture == null ? null : fixture.networkNamespace());
            if (fixture != null) {
                fixtureLog = fixture.stop();
            }
        } finally {
            if (fixture != null) {
                fixture.close();
            }
        }
        RunEvidence evidence = new RunEvidence(
                run.name(), transcript, exercise.expectedLines(vars), exercise.linePrefix(), vars, null, fixtureLog);
        return new RunResult(run, transcript, evidence);
    }

    private static void writeClasses(Path dir, Map<String, byte[]> classes) throws IOException {
        for (var e : classes.entrySet()) {
            Path file = dir.resolve(e.getKey().replace('.', '/') + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
        }
    }
}
