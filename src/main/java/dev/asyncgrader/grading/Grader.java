package dev.asyncgrader.grading;

import dev.asyncgrader.check.Check;
import dev.asyncgrader.check.CheckEvaluator;
import dev.asyncgrader.check.CheckOutcome;
import dev.asyncgrader.check.ExpectedLine;
import dev.asyncgrader.check.RunEvidence;
import dev.asyncgrader.compile.CompileDiagnostic;
import dev.asyncgrader.compile.CompileOutcome;
import dev.asyncgrader.compile.SourceCompiler;
import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.RunSpec;
import dev.asyncgrader.exercise.TimelineSpec;
import dev.asyncgrader.expr.ExpressionException;
import dev.asyncgrader.feedback.Messages;
import dev.asyncgrader.fixture.FixtureLog;
import dev.asyncgrader.fixture.FixtureProcess;
import dev.asyncgrader.sandbox.JavaProgram;
import dev.asyncgrader.sandbox.JvmLauncher;
import dev.asyncgrader.sandbox.OutputLine;
import dev.asyncgrader.sandbox.RunLimits;
import dev.asyncgrader.sandbox.RunOutcome;
import dev.asyncgrader.sandbox.RunTranscript;
import dev.asyncgrader.unittest.ProgramLauncher;
import dev.asyncgrader.unittest.TestApiJars;
import dev.asyncgrader.unittest.TestReport;
import dev.asyncgrader.unittest.TestSupport;
import dev.asyncgrader.unittest.TrustedTestRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;

/**
 * Grades one submission of one exercise: compile, run every run in a fresh JVM, judge every check.
 * Thread-safe: batch grading and the server share one instance.
 */
public final class Grader {
    private final SourceCompiler compiler;
    private final JvmLauncher launcher;
    private final StartGate gate;

    public Grader(SourceCompiler compiler, JvmLauncher launcher, StartGate gate) {
        this.compiler = compiler;
        this.launcher = launcher;
        this.gate = gate;
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
        Builder result = new Builder(exercise, student, start);
        try {
            listener.phase(Phase.COMPILING, 0, 0);
            CompileOutcome compiled;
            StartGate.Permit compilePermit = gate.enter();
            try {
                compiled = compiler.compile(files, exercise.release());
            } finally {
                compilePermit.close();
            }
            return switch (compiled) {
                case CompileOutcome.Compiled c ->
                    runAndCheck(exercise, runsOf(exercise, visibleRunsOnly), visibleRunsOnly, c, result, listener);
                case CompileOutcome.Failed f -> result.compileError(f);
                case CompileOutcome.Rejected r -> result.status(GradeStatus.REJECTED, Messages.rejected(r.reason()));
                case CompileOutcome.TimedOut t -> result.status(GradeStatus.COMPILE_ERROR, Messages.compileTimeout());
            };
        } catch (IOException | RuntimeException e) {
            return result.status(GradeStatus.INTERNAL_ERROR, Messages.internalError(e.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return result.status(GradeStatus.INTERNAL_ERROR, Messages.internalError("grading was interrupted"));
        }
    }

    /** The result for a submission the grader could not grade for a reason of its own (said in {@code what}). */
    public static GradeResult internalError(Exercise exercise, String student, String what) {
        return new Builder(exercise, student, System.nanoTime())
                .status(GradeStatus.INTERNAL_ERROR, Messages.internalError(what));
    }

    /** The result for a submission refused before grading, e.g. one containing links or huge files. */
    public static GradeResult rejected(Exercise exercise, String student, String reason) {
        return new Builder(exercise, student, System.nanoTime())
                .status(GradeStatus.REJECTED, Messages.rejected(reason));
    }

    private static List<RunSpec> runsOf(Exercise exercise, boolean visibleRunsOnly) {
        return visibleRunsOnly
                ? exercise.runs().stream().filter(r -> !r.hidden()).toList()
                : exercise.runs();
    }

    private GradeResult runAndCheck(
            Exercise exercise,
            List<RunSpec> runs,
            boolean visibleRunsOnly,
            CompileOutcome.Compiled compiled,
            Builder result,
            GradingListener listener)
            throws IOException, InterruptedException {
        Path program = Files.createTempDirectory("async-grader-program-");
        try {
            writeClasses(program.resolve("classes"), compiled.classes());
            RunLimits limits = new RunLimits(
                    exercise.limits().wallTime(),
                    exercise.limits().memoryMb(),
                    exercise.limits().outputLines(),
                    exercise.limits().outputBytes(),
                    exercise.cpus());
            boolean testsDue =
                    !visibleRunsOnly && exercise.checks().stream().anyMatch(c -> c instanceof Check.UnitTest);
            CheckBook book = new CheckBook(exercise, runs, testsDue, listener);
            Progress progress = new Progress(runs.size(), testsDue, listener);
            // The hidden tests' programs mostly wait, as the runs' do: they go beside the runs, so a verdict
            // takes about the longest of them. Not where a run keeps a core (CPU-heavy: the tests would wait
            // for one past their time limit) or judges by a simulated service's clock (those go one at a time).
            boolean testsBeside = testsDue && !exercise.cpuHeavy() && exercise.fixture() == null;
            TestsInProgress tests = testsBeside ? startTests(exercise, program, book, progress) : null;
            List<RunResult> made;
            try {
                made = runAll(exercise, program, limits, runs, book, progress);
            } catch (IOException | InterruptedException | RuntimeException e) {
                if (tests != null) {
                    tests.cancel();
                }
                throw e;
            }
            // Statuses in the order of the plan, not of finishing, so the same program gets the same verdict.
            GradeStatus status = GradeStatus.GRADED;
            String statusMessage = null;
            String studentStatusMessage = null;
            for (RunResult r : made) {
                result.runs.add(report(r.run(), r.transcript(), r.evidence(), exercise.timeline()));
                if (status != GradeStatus.GRADED) {
                    continue;
                }
                String runLabel = r.run().name();
                switch (r.transcript().outcome()) {
                    case RunOutcome.Exited e when e.code() == 0 -> {}
                    case RunOutcome.Exited e -> {
                        status = GradeStatus.CRASHED;
                        statusMessage = Messages.crashed(runLabel, e.code(), lastError(r.transcript()));
                        // A hidden run's error output may quote its arguments: the student gets no line of it.
                        studentStatusMessage =
                                r.run().hidden() ? Messages.crashedOnHiddenRun(runLabel, e.code()) : statusMessage;
                    }
                    case RunOutcome.TimedOut t -> {
                        status = GradeStatus.TIMEOUT;
                        statusMessage = Messages.timedOut(runLabel, t.limit().toMillis() / 1000.0);
                    }
                    case RunOutcome.OutputLimitExceeded o -> {
                        status = GradeStatus.OUTPUT_LIMIT;
                        statusMessage = Messages.outputLimit(runLabel, o.limit());
                    }
                    case RunOutcome.LimitExceeded l -> {
                        status = GradeStatus.CRASHED;
                        statusMessage = Messages.limitExceeded(
                                runLabel, l.limit(), exercise.limits().memoryMb());
                    }
                    case RunOutcome.FailedToStart f -> {
                        status = GradeStatus.INTERNAL_ERROR;
                        statusMessage = Messages.failedToStart(f.reason());
                    }
                }
            }
            TestsDone testsDone =
                    tests != null ? tests.await() : testsDue ? runTests(exercise, program, book, progress) : null;
            if (testsDone != null) {
                if (testsDone.run() != null) {
                    result.runs.add(testsDone.run());
                }
                if (testsDone.invalid() != null) {
                    result.feedback.add(testsDone.invalid());
                    result.studentFeedback.add(testsDone.invalid());
                }
            }
            listener.phase(Phase.CHECKING, 0, 0);
            if (statusMessage != null) {
                result.feedback.add(statusMessage);
                result.studentFeedback.add(studentStatusMessage != null ? studentStatusMessage : statusMessage);
            }
            result.status = status;
            for (Check check : exercise.checks()) {
                result.addCheck(book.finalReport(check));
            }
            return result.build();
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
            Exercise exercise, Path program, RunLimits limits, List<RunSpec> runs, CheckBook book, Progress progress)
            throws IOException, InterruptedException {
        List<Future<RunResult>> futures = new ArrayList<>();
        // A run with a simulated service is judged by that service's own clock, in a JVM of its own; several of
        // them at once per submission starve each other's stamps on a busy host, so those runs go one at a time.
        Semaphore together = new Semaphore(exercise.fixture() == null ? Math.max(1, runs.size()) : 1, true);
        try (ExecutorService runners = Executors.newVirtualThreadPerTaskExecutor()) {
            for (RunSpec run : runs) {
                futures.add(runners.submit(() -> {
                    together.acquire();
                    try {
                        RunResult r = execute(exercise, program, limits, run, progress.listener());
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

    /** One run's program output and what the checks judge it by. */
    private record RunResult(RunSpec run, RunTranscript transcript, RunEvidence evidence) {}

    /** Makes one run: its fixture service if any, the sandboxed JVM, the evidence for the checks. */
    private RunResult execute(Exercise exercise, Path program, RunLimits limits, RunSpec run, GradingListener listener)
            throws IOException, InterruptedException {
        Map<String, Object> vars = new HashMap<>(exercise.variables(run));
        FixtureProcess fixture = null;
        if (exercise.fixture() != null) {
            // Fresh values per run, so a program cannot print results it never fetched.
            vars.put("token", Long.toHexString(RANDOM.nextLong()));
            fixture = FixtureProcess.start(exercise.fixture(), vars);
        }
        StartGate.Permit permit = gate.enter();
        RunTranscript transcript;
        FixtureLog fixtureLog = null;
        try {
            transcript = launcher.run(
                    JavaProgram.mainClass(program, exercise.entryPoint(), run.args()),
                    limits,
                    line -> {
                        if (!exercise.cpuHeavy()) {
                            permit.close(); // a waiting program needs no core; a computing one keeps it
                        }
                        listener.line(run.name(), line);
                    },
                    fixture == null ? null : fixture.networkNamespace());
            if (fixture != null) {
                fixtureLog = fixture.stop();
            }
        } finally {
            permit.close();
            if (fixture != null) {
                fixture.close();
            }
        }
        RunEvidence evidence = new RunEvidence(
                run.name(), transcript, exercise.expectedLines(vars), exercise.linePrefix(), vars, null, fixtureLog);
        return new RunResult(run, transcript, evidence);
    }

    /**
     * The checks' judgments as runs finish: each check's tally, and the moment it is decided (every run it
     * applies to has been judged), when the listener hears of it. Thread-safe: runs finish on their own threads.
     */
    private static final class CheckBook {
        private final Exercise exercise;
        private final List<RunSpec> runs;
        private final boolean testsDue;
        private final GradingListener listener;
        private final Map<String, CheckTally> tallies = new HashMap<>();

        CheckBook(Exercise exercise, List<RunSpec> runs, boolean testsDue, GradingListener listener) {
            this.exercise = exercise;
            this.runs = runs;
            this.testsDue = testsDue;
            this.listener = listener;
        }

        /** Judges every check that applies to the finished run; announces the checks this run decides. */
        void judge(RunResult r) {
            int index = runs.indexOf(r.run());
            for (Check check : exercise.checks()) {
                if (!(check instanceof Check.UnitTest)
                        && check.info().appliesTo(r.run().name())) {
                    CheckOutcome outcome = Grader.judge(check, r.evidence());
                    GradeResult.CheckReport decided;
                    synchronized (this) {
                        CheckTally tally = tallies.computeIfAbsent(check.info().name(), k -> new CheckTally());
                        tally.add(check, outcome, r.run(), r.evidence().variables(), index);
                        decided = tally.judged == applicable(check) ? report(check) : null;
                    }
                    if (decided != null) {
                        listener.check(decided);
                    }
                }
            }
        }

        /** Records the hidden tests' outcome for every test check, or {@code fixed} for all when they could not run. */
        void judgeTests(CheckOutcome fixed, RunEvidence evidence) {
            for (Check check : exercise.checks()) {
                if (check instanceof Check.UnitTest) {
                    CheckOutcome o = fixed != null ? fixed : Grader.judge(check, evidence);
                    GradeResult.CheckReport decided;
                    synchronized (this) {
                        tallies.computeIfAbsent(check.info().name(), k -> new CheckTally())
                                .add(check, o, TEST_RUN, Map.of(), runs.size());
                        decided = report(check);
                    }
                    listener.check(decided);
                }
            }
        }

        /** The check's report once grading is over; checks never decided (not run) are announced now. */
        synchronized GradeResult.CheckReport finalReport(Check check) {
            CheckTally tally = tallies.get(check.info().name());
            GradeResult.CheckReport r = report(check);
            if (tally == null || tally.judged < applicable(check)) {
                listener.check(r);
            }
            return r;
        }

        private long applicable(Check check) {
            return check instanceof Check.UnitTest
                    ? (testsDue ? 1 : 0)
                    : runs.stream()
                            .filter(r -> check.info().appliesTo(r.name()))
                            .count();
        }

        /**
         * A check's result: it passes only if it passed on every one of its runs; it was not run if no run failed
         * it but not every run judged it (or none applies, as in a scratch run).
         */
        private GradeResult.CheckReport report(Check check) {
            CheckTally tally = tallies.getOrDefault(check.info().name(), new CheckTally());
            long applicable = applicable(check);
            CheckResult outcome;
            String text;
            String studentText;
            if (tally.failure != null) {
                outcome = CheckResult.FAILED;
                text = tally.failure;
                studentText = tally.studentFailure;
            } else if (applicable > 0 && tally.judged == applicable) {
                outcome = CheckResult.PASSED;
                text = null;
                studentText = null;
            } else {
                outcome = CheckResult.NOT_RUN;
                text = applicable == 0 ? Messages.notRunInScratch() : Messages.notChecked();
                studentText = text;
            }
            boolean passed = outcome == CheckResult.PASSED;
            return new GradeResult.CheckReport(
                    check.info().name(),
                    outcome,
                    passed,
                    passed ? check.info().points() : 0,
                    check.info().points(),
                    text,
                    studentText,
                    tally.failedRun,
                    tally.failedRunHidden);
        }
    }

    /** The pseudo-run in which the exercise's JUnit tests run against the submission. */
    static final RunSpec TEST_RUN = new RunSpec("tests", List.of(), true);

    /**
     * What the hidden tests leave for the result: their pseudo-run (none when the tests did not compile), and why
     * their report was void if it was.
     */
    private record TestsDone(
            GradeResult.@Nullable RunReport run, @Nullable String invalid) {}

    /** The hidden tests running beside the runs, on a thread of their own. */
    private static final class TestsInProgress {
        private final FutureTask<TestsDone> task;
        private final Thread thread;

        TestsInProgress(Callable<TestsDone> tests) {
            task = new FutureTask<>(tests);
            thread = Thread.ofVirtual().name("hidden-tests").start(task);
        }

        TestsDone await() throws IOException, InterruptedException {
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

    private TestsInProgress startTests(Exercise exercise, Path program, CheckBook book, Progress progress) {
        return new TestsInProgress(() -> runTests(exercise, program, book, progress));
    }

    /**
     * Compiles the exercise's tests (without the submission: they reach the program only through its command
     * line) and judges them in this trusted process; each run of the program they make is a sandboxed run of its
     * own (see {@link TrustedTestRun}). Thread-safe: it writes only to the check book and the progress.
     */
    private TestsDone runTests(Exercise exercise, Path program, CheckBook book, Progress progress) throws IOException {
        long started = System.nanoTime();
        Map<String, String> sources = new java.util.TreeMap<>(TestSupport.sources(exercise.argumentDomainsSource()));
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
            return new TestsDone(null, null);
        }
        List<OutputLine> shown = java.util.Collections.synchronizedList(new ArrayList<>());
        ProgramLauncher programs = (run, wall) -> {
            RunLimits limits = new RunLimits(
                    wall,
                    exercise.limits().memoryMb(),
                    exercise.limits().outputLines(),
                    exercise.limits().outputBytes(),
                    exercise.cpus());
            StartGate.Permit permit = gate.enter();
            try {
                RunTranscript t = launcher.run(run, limits, line -> permit.close());
                shown.addAll(t.lines());
                return t;
            } finally {
                permit.close();
            }
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
        RunEvidence evidence = new RunEvidence(TEST_RUN.name(), visible, Map.of(), null, Map.of(), report, null);
        book.judgeTests(null, evidence);
        progress.testsFinished();
        return new TestsDone(
                report(TEST_RUN, visible, evidence, null),
                report.invalid() != null ? Messages.invalidTestReport(report.invalid()) : null);
    }

    /**
     * How far a grading is, told to the listener as steps finish: "run 2 of 4" while runs are left (the hidden
     * tests are one step), "testing" when only the hidden tests are. Steps finish on their own threads.
     */
    private static final class Progress {
        private final int runs;
        private final boolean testsDue;
        private final GradingListener listener;
        private int runsDone;
        private boolean testsDone;

        Progress(int runs, boolean testsDue, GradingListener listener) {
            this.runs = runs;
            this.testsDue = testsDue;
            this.listener = listener;
            announce();
        }

        GradingListener listener() {
            return listener;
        }

        synchronized void runFinished() {
            runsDone++;
            announce();
        }

        synchronized void testsFinished() {
            testsDone = true;
            announce();
        }

        private void announce() {
            int steps = runs + (testsDue ? 1 : 0);
            int done = runsDone + (testsDone ? 1 : 0);
            if (runsDone < runs) {
                listener.phase(Phase.RUNNING, done + 1, steps);
            } else if (testsDue && !testsDone) {
                listener.phase(Phase.TESTING, steps, steps);
            }
        }
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private static CheckOutcome judge(Check check, RunEvidence evidence) {
        try {
            return CheckEvaluator.evaluate(check, evidence);
        } catch (ExpressionException e) {
            throw new IllegalStateException("check '" + check.info().name() + "': " + e.getMessage(), e);
        }
    }

    private static String lastError(RunTranscript t) {
        return t.lines().stream()
                .filter(l -> l.stream() == OutputLine.Stream.STDERR
                        && !l.text().startsWith("\tat ")
                        && !l.text().isBlank())
                .map(OutputLine::text)
                .findFirst()
                .orElse(null);
    }

    private static GradeResult.RunReport report(
            RunSpec run, RunTranscript t, RunEvidence evidence, TimelineSpec timeline) {
        long first = t.lines().isEmpty() ? t.endNanos() : t.lines().getFirst().nanos();
        List<GradeResult.Line> lines = t.lines().stream()
                .limit(GradeResult.RunReport.MAX_LINES)
                .map(l -> new GradeResult.Line(
                        (l.nanos() - first) / 1_000_000,
                        l.stream() == OutputLine.Stream.STDOUT ? "out" : "err",
                        l.text()))
                .toList();
        Integer code = t.outcome() instanceof RunOutcome.Exited e ? e.code() : null;
        String outcome = switch (t.outcome()) {
            case RunOutcome.Exited e -> "exited";
            case RunOutcome.TimedOut x -> "timeout";
            case RunOutcome.OutputLimitExceeded x -> "output_limit";
            case RunOutcome.LimitExceeded x -> "limit_exceeded";
            case RunOutcome.FailedToStart x -> "failed_to_start";
        };
        return new GradeResult.RunReport(
                run.name(),
                run.hidden(),
                run.args(),
                outcome,
                code,
                first / 1_000_000,
                Math.max(0, (t.endNanos() - first) / 1_000_000),
                lines,
                t.lines().size() > lines.size(),
                tasks(evidence, timeline, first));
    }

    /** One bar per task from its start line to its end line, where the exercise declares a timeline. */
    private static List<GradeResult.TaskBar> tasks(RunEvidence evidence, TimelineSpec timeline, long firstNanos) {
        if (timeline == null) {
            return List.of();
        }
        List<GradeResult.TaskBar> bars = new ArrayList<>();
        List<ExpectedLine> starts = evidence.group(timeline.starts());
        List<ExpectedLine> ends = evidence.group(timeline.ends());
        for (int k = 0; k < starts.size(); k++) {
            int s = evidence.indexOf(starts.get(k));
            if (s < 0) {
                continue;
            }
            int e = k < ends.size() ? evidence.indexOf(ends.get(k)) : -1;
            String label = timeline.label() == null
                    ? starts.get(k).shown()
                    : timeline.label().render(starts.get(k).element());
            bars.add(new GradeResult.TaskBar(
                    label,
                    (evidence.nanosAt(s) - firstNanos) / 1_000_000,
                    e < 0 ? null : (evidence.nanosAt(e) - firstNanos) / 1_000_000));
        }
        return List.copyOf(bars);
    }

    private static void writeClasses(Path dir, Map<String, byte[]> classes) throws IOException {
        for (var e : classes.entrySet()) {
            Path file = dir.resolve(e.getKey().replace('.', '/') + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
        }
    }

    /**
     * One check's judgments over the runs: how many runs judged it, and the text of its first failure twice: for
     * the instructor, rendered with that run's values and arguments, and for the student, which for a hidden run
     * says only which check failed on how large an input.
     */
    private static final class CheckTally {
        int judged;
        String failure;
        String studentFailure;
        String failedRun;
        boolean failedRunHidden;
        /** The plan position of the run that failed, so the first failure in the plan wins whatever finished first. */
        int failedIndex = Integer.MAX_VALUE;

        void add(Check check, CheckOutcome outcome, RunSpec run, Map<String, Object> vars, int index) {
            judged++;
            if (outcome instanceof CheckOutcome.Passed || index > failedIndex) {
                return;
            }
            String note = run.hidden() ? " (on a hidden test run)" : "";
            failure = switch (outcome) {
                case CheckOutcome.Passed p -> throw new AssertionError("returned above");
                case CheckOutcome.Failed f -> {
                    Map<String, Object> scope = new HashMap<>(vars);
                    scope.put("run", run.name());
                    scope.putAll(f.values());
                    yield check.info().feedback().render(scope) + note;
                }
                case CheckOutcome.Unmeasurable u -> u.reason() + note;
            };
            failedIndex = index;
            failedRun = run.name();
            failedRunHidden = run.hidden();
            if (!run.hidden()) {
                studentFailure = failure;
            } else if (check instanceof Check.UnitTest) {
                // The harness's own reasons (tests cut short, not compiling) quote no input; a test's failure may.
                studentFailure = outcome instanceof CheckOutcome.Unmeasurable u
                        ? u.reason()
                        : Messages.failedHiddenTest(check.info().name());
            } else {
                studentFailure = Messages.failedOnHiddenRun(
                        check.info().name(), run.args().size());
            }
        }
    }

    /** Accumulates a result while grading proceeds. */
    private static final class Builder {
        final Exercise exercise;
        final String student;
        final long startNanos;
        GradeStatus status = GradeStatus.GRADED;
        final List<String> feedback = new ArrayList<>();
        final List<String> studentFeedback = new ArrayList<>();
        final List<CompileDiagnostic> compileErrors = new ArrayList<>();
        final List<GradeResult.CheckReport> checks = new ArrayList<>();
        final List<GradeResult.RunReport> runs = new ArrayList<>();

        Builder(Exercise exercise, String student, long startNanos) {
            this.exercise = exercise;
            this.student = student;
            this.startNanos = startNanos;
        }

        /** A result in which no check could run: the message says why, once. */
        GradeResult status(GradeStatus s, String message) {
            status = s;
            feedback.add(message);
            studentFeedback.add(message);
            for (Check c : exercise.checks()) {
                checks.add(new GradeResult.CheckReport(
                        c.info().name(), CheckResult.NOT_RUN, false, 0, c.info().points(), null, null, null, false));
            }
            return build();
        }

        GradeResult compileError(CompileOutcome.Failed f) {
            compileErrors.addAll(f.diagnostics());
            int count = f.diagnostics().size() + f.omitted();
            String first =
                    f.diagnostics().isEmpty() ? "" : f.diagnostics().getFirst().describe();
            return status(GradeStatus.COMPILE_ERROR, Messages.compileError(count, first));
        }

        /** Adds a decided check's result; a failure's texts join the feedback. */
        void addCheck(GradeResult.CheckReport check) {
            checks.add(check);
            if (check.outcome() == CheckResult.FAILED) {
                feedback.add(check.feedback());
                studentFeedback.add(check.studentFeedback());
            }
        }

        GradeResult build() {
            if (feedback.isEmpty()) {
                feedback.add(
                        checks.stream().anyMatch(c -> c.outcome() == CheckResult.NOT_RUN)
                                ? Messages.allThatRanPassed()
                                : Messages.allPassed());
            }
            if (studentFeedback.isEmpty()) {
                studentFeedback.add(
                        checks.stream().anyMatch(c -> c.outcome() == CheckResult.NOT_RUN)
                                ? Messages.allThatRanPassed()
                                : Messages.allPassed());
            }
            double score =
                    checks.stream().mapToDouble(GradeResult.CheckReport::points).sum();
            return new GradeResult(
                    exercise.id(),
                    student,
                    status,
                    score,
                    exercise.maxPoints(),
                    feedback.stream().distinct().toList(),
                    studentFeedback.stream().distinct().toList(),
                    List.copyOf(compileErrors),
                    List.copyOf(checks),
                    List.copyOf(runs),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                    (System.nanoTime() - startNanos) / 1_000_000);
        }
    }
}
