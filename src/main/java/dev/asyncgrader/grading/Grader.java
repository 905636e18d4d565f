package dev.asyncgrader.grading;

import dev.asyncgrader.check.Check;
import dev.asyncgrader.compile.CompileOutcome;
import dev.asyncgrader.compile.SourceCompiler;
import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.feedback.Messages;
import dev.asyncgrader.sandbox.JvmLauncher;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Grades one submission of one exercise: compile, make the runs ({@link RunPlan}, {@link RunExecutor}), judge every
 * check as its runs finish ({@link CheckBook}), score ({@link Scoring}). Thread-safe: batch grading and the server
 * share one instance.
 */
public final class Grader {
    private final SourceCompiler compiler;
    private final JvmLauncher launcher;
    private final StartGate gate;
    private final RunExecutor executor;

    public Grader(SourceCompiler compiler, JvmLauncher launcher, StartGate gate) {
        this.compiler = compiler;
        this.launcher = launcher;
        this.gate = gate;
        this.executor = new RunExecutor(compiler, launcher, gate);
    }

    /** The compiler every grading uses, for other front ends that must compile the same way (the Jobe API). */
    public SourceCompiler compiler() {
        return compiler;
    }

    /** The sandboxed launcher every grading uses, for other front ends that must run the same way. */
    public JvmLauncher launcher() {
        return launcher;
    }

    /** The gate every grading's compiles and JVM starts pass, so other front ends do not disturb its timings. */
    public StartGate gate() {
        return gate;
    }

    /** Grades {@code files} (file name to source) as {@code student}'s submission. Never throws for bad code. */
    public GradeResult grade(Exercise exercise, String student, Map<String, String> files, GradingListener listener) {
        return grade(exercise, student, files, listener, false);
    }

    /**
     * Grades {@code files}; with {@code visibleRunsOnly}, only the runs students may see are made (a scratch
     * run from the browser), and checks are judged on those alone.
     */
    public GradeResult grade(
            Exercise exercise,
            String student,
            Map<String, String> files,
            GradingListener listener,
            boolean visibleRunsOnly) {
        long start = System.nanoTime();
        // The runs reported so far: a grading that ends with an error while the hidden tests run still shows them.
        List<GradeResult.RunReport> runs = new ArrayList<>();
        try {
            listener.phase(Phase.COMPILING, 0, 0);
            CompileOutcome compiled;
            StartGate.Permit compilePermit = gate.enter();
            try {
                compiled = compiler.compile(files, exercise.release());
            } finally {
                compilePermit.close();
            }
            Scoring.Findings findings = switch (compiled) {
                case CompileOutcome.Compiled c ->
                    runAndCheck(exercise, RunPlan.of(exercise, visibleRunsOnly), c, listener, runs);
                case CompileOutcome.Failed f -> compileError(exercise, f);
                case CompileOutcome.Rejected r ->
                    notGraded(exercise, GradeStatus.REJECTED, Messages.rejected(r.reason()));
                case CompileOutcome.TimedOut t ->
                    notGraded(exercise, GradeStatus.COMPILE_ERROR, Messages.compileTimeout());
            };
            return finish(exercise, student, start, findings);
        } catch (IOException | RuntimeException e) {
            return finish(exercise, student, start, failed(exercise, e.toString(), runs));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return finish(exercise, student, start, failed(exercise, "grading was interrupted", runs));
        }
    }

    /** The result for a submission the grader could not grade for a reason of its own (said in {@code what}). */
    public static GradeResult internalError(Exercise exercise, String student, String what) {
        return finish(
                exercise,
                student,
                System.nanoTime(),
                notGraded(exercise, GradeStatus.INTERNAL_ERROR, Messages.internalError(what)));
    }

    /** Findings of a grading the grader itself could not finish: every check not run, the runs made so far. */
    private static Scoring.Findings failed(Exercise exercise, String why, List<GradeResult.RunReport> runs) {
        return Scoring.notGraded(exercise, GradeStatus.INTERNAL_ERROR, Messages.internalError(why), List.of(), runs);
    }

    /** The result for a submission refused before grading, e.g. one containing links or huge files. */
    public static GradeResult rejected(Exercise exercise, String student, String reason) {
        return finish(
                exercise,
                student,
                System.nanoTime(),
                notGraded(exercise, GradeStatus.REJECTED, Messages.rejected(reason)));
    }

    /**
     * Makes the plan's runs and hidden tests, and collects what they found: the runs' status (decided in the plan's
     * order), the run reports (into {@code runs}), and every check's report.
     */
    private Scoring.Findings runAndCheck(
            Exercise exercise,
            RunPlan plan,
            CompileOutcome.Compiled compiled,
            GradingListener listener,
            List<GradeResult.RunReport> runs)
            throws IOException, InterruptedException {
        CheckBook book = new CheckBook(exercise, plan, listener);
        RunExecutor.Made made = executor.execute(exercise, compiled, plan, book, listener, finished -> {
            for (RunResult r : finished) {
                runs.add(RunReports.report(r.run(), r.transcript(), r.evidence(), exercise.timeline()));
            }
        });
        RunVerdict verdict = RunVerdict.of(exercise, made.runs());
        List<String> feedback = new ArrayList<>();
        List<String> studentFeedback = new ArrayList<>();
        if (made.tests() != null) {
            if (made.tests().run() != null) {
                runs.add(made.tests().run());
            }
            if (made.tests().invalid() != null) {
                feedback.add(made.tests().invalid());
                studentFeedback.add(made.tests().invalid());
            }
        }
        listener.phase(Phase.CHECKING, 0, 0);
        if (verdict.message() != null) {
            feedback.add(verdict.message());
            studentFeedback.add(verdict.messageForStudent());
        }
        List<GradeResult.CheckReport> checks = new ArrayList<>();
        for (Check check : exercise.checks()) {
            checks.add(book.finalReport(check));
        }
        return new Scoring.Findings(verdict.status(), feedback, studentFeedback, List.of(), checks, runs);
    }

    private static Scoring.Findings compileError(Exercise exercise, CompileOutcome.Failed f) {
        int count = f.diagnostics().size() + f.omitted();
        String first =
                f.diagnostics().isEmpty() ? "" : f.diagnostics().getFirst().describe();
        return Scoring.notGraded(
                exercise,
                GradeStatus.COMPILE_ERROR,
                Messages.compileError(count, first),
                List.copyOf(f.diagnostics()),
                List.of());
    }

    private static Scoring.Findings notGraded(Exercise exercise, GradeStatus status, String message) {
        return Scoring.notGraded(exercise, status, message, List.of(), List.of());
    }

    private static GradeResult finish(Exercise exercise, String student, long startNanos, Scoring.Findings findings) {
        return Scoring.score(
                exercise,
                student,
                findings,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                (System.nanoTime() - startNanos) / 1_000_000);
    }
}
