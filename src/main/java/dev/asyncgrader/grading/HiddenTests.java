package dev.asyncgrader.grading;

import dev.asyncgrader.check.CheckOutcome;
import dev.asyncgrader.check.RunEvidence;
import dev.asyncgrader.compile.CompileOutcome;
import dev.asyncgrader.compile.SourceCompiler;
import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.feedback.Messages;
import dev.asyncgrader.sandbox.JvmLauncher;
import dev.asyncgrader.sandbox.OutputLine;
import dev.asyncgrader.sandbox.RunOutcome;
import dev.asyncgrader.sandbox.RunTranscript;
import dev.asyncgrader.unittest.ProgramLauncher;
import dev.asyncgrader.unittest.TestApiJars;
import dev.asyncgrader.unittest.TestReport;
import dev.asyncgrader.unittest.TestSupport;
import dev.asyncgrader.unittest.TrustedTestRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.jspecify.annotations.Nullable;

/**
 * One grading's hidden tests: compiled without the submission (they reach the program only through its command
 * line) and judged in this trusted process; each run of the program they make is a sandboxed run of its own (see
 * {@link TrustedTestRun}). Thread-safe: it writes only to the check book and the progress.
 */
final class HiddenTests {
    private final SourceCompiler compiler;
    private final JvmLauncher launcher;
    private final StartGate gate;
    private final Exercise exercise;
    private final Path program;
    private final CheckBook book;
    private final Progress progress;

    HiddenTests(
            SourceCompiler compiler,
            JvmLauncher launcher,
            StartGate gate,
            Exercise exercise,
            Path program,
            CheckBook book,
            Progress progress) {
        this.compiler = compiler;
        this.launcher = launcher;
        this.gate = gate;
        this.exercise = exercise;
        this.program = program;
        this.book = book;
        this.progress = progress;
    }

    /**
     * What the hidden tests leave for the result: their pseudo-run (none when the tests did not compile), and why
     * their report was void if it was.
     */
    record Done(
            GradeResult.@Nullable RunReport run, @Nullable String invalid) {}

    /** Starts the tests on a thread of their own, beside the runs. */
    Running start() {
        return new Running();
    }

    /** Compiles the tests, runs them and judges their checks in the book. */
    Done run() throws IOException {
        long started = System.nanoTime();
        Map<String, String> sources = new TreeMap<>(TestSupport.sources(exercise.argumentDomainsSource()));
        sources.putAll(exercise.unitTests().all());
        CompileOutcome compiled =
                compiler.compile(sources, exercise.release(), TestApiJars.get().testApi());
        if (!(compiled instanceof CompileOutcome.Compiled tests)) {
            String why = compiled instanceof CompileOutcome.Failed f
                            && !f.diagnostics().isEmpty()
                    ? f.diagnostics().getFirst().message()
                    : compiled.toString();
            book.judgeTests(new CheckOutcome.Unmeasurable(Messages.testsDoNotCompile(why)), null);
            progress.testsFinished();
            return new Done(null, null);
        }
        List<OutputLine> shown = Collections.synchronizedList(new ArrayList<>());
        ProgramLauncher programs = (run, wall) -> {
            RunTranscript t = gate.run(launcher, run, RunPlan.limits(exercise, wall), false, line -> {}, null);
            shown.addAll(t.lines());
            return t;
        };
        TestReport report = TrustedTestRun.run(
                tests.classes(),
                exercise.unitTests().classNames(),
                exercise.unitTests().perTest(),
                program,
                exercise.entryPoint(),
                programs);
        RunTranscript visible =
                new RunTranscript(List.copyOf(shown), new RunOutcome.Exited(0), System.nanoTime() - started);
        RunEvidence evidence =
                new RunEvidence(RunPlan.TEST_RUN.name(), visible, Map.of(), null, Map.of(), report, null);
        book.judgeTests(null, evidence);
        progress.testsFinished();
        return new Done(
                RunReports.report(RunPlan.TEST_RUN, visible, evidence, null),
                report.invalid() != null ? Messages.invalidTestReport(report.invalid()) : null);
    }

    /** The hidden tests running beside the runs, on a thread of their own. */
    final class Running {
        private final FutureTask<Done> task;
        private final Thread thread;

        private Running() {
            task = new FutureTask<>(HiddenTests.this::run);
            thread = Thread.ofVirtual().name("hidden-tests").start(task);
        }

        Done await() throws IOException, InterruptedException {
            try {
                return task.get();
            } catch (InterruptedException e) {
                cancel();
                throw e;
            } catch (ExecutionException e) {
                switch (e.getCause()) {
                    case IOException io -> throw io;
                    case RuntimeException re -> throw re;
                    case InterruptedException ie -> throw ie;
                    case Throwable t -> throw new IllegalStateException(t);
                }
            }
        }

        /** Stops the tests and their programs, and waits for them: the program's folder is deleted next. */
        void cancel() {
            task.cancel(true);
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
