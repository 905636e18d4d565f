package dev.asyncgrader.bench;

import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.grading.GradeResult;
import dev.asyncgrader.grading.Grader;
import dev.asyncgrader.grading.GradingListener;
import dev.asyncgrader.sandbox.Isolation;
import dev.asyncgrader.sandbox.JavaProgram;
import dev.asyncgrader.sandbox.JvmLauncher;
import dev.asyncgrader.sandbox.RunLimits;
import dev.asyncgrader.sandbox.RunTranscript;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Measures the grader against the naive pipeline (a {@code javac} process, then a {@code java} process) in the
 * same run: verdict overhead alone and with 8 at once, throughput, and memory.
 *
 * <p>Overhead is the time from submitting to having the verdict minus the program's own designed wall time
 * (2 s for the sleep exercise), the same definition for both pipelines.
 */
public final class Benchmark {
    static final double PROGRAM_SECONDS = 2.0;

    private final Grader grader;
    private final Isolation sandbox;
    private final Path javaHome;
    private final Exercise sleep;
    private final Exercise shortRun;
    private final Exercise threeRuns;
    private final int copies;
    private final int jobs;
    private final PrintStream out;

    public Benchmark(
            Grader grader,
            Isolation sandbox,
            Path javaHome,
            Exercise sleep,
            Exercise shortRun,
            Exercise threeRuns,
            int copies,
            int jobs,
            PrintStream out) {
        this.grader = grader;
        this.sandbox = sandbox;
        this.javaHome = javaHome;
        this.sleep = sleep;
        this.shortRun = shortRun;
        this.threeRuns = threeRuns;
        this.copies = copies;
        this.jobs = jobs;
        this.out = out;
    }

    /** The figures of one pipeline. */
    record Figures(List<Double> aloneMs, List<Double> eightMs, double gradingsPerSecond, List<Long> studentRssKb) {}

    public void run() throws Exception {
        out.printf(
                Locale.ROOT,
                "Machine: %d cores, JDK %s; %d copies for throughput, %d at once%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.version(),
                copies,
                jobs);
        check(grade(sleep)); // warm-up: compiler, JIT, first sandbox
        long graderIdleKb = rssKb("VmRSS");

        Figures ours = measure(this::timedGrade, this::gradeShort);
        Figures naive = measure(this::timedNaive, this::naiveShort);

        out.println();
        out.printf(Locale.ROOT, "%-44s %12s %12s %8s%n", "", "async-grader", "javac+java", "ratio");
        row("verdict overhead alone, median (ms)", median(ours.aloneMs()), median(naive.aloneMs()));
        row("verdict overhead alone, p95 (ms)", p95(ours.aloneMs()), p95(naive.aloneMs()));
        row("verdict overhead, 8 at once, median (ms)", median(ours.eightMs()), median(naive.eightMs()));
        row("verdict overhead, 8 at once, p95 (ms)", p95(ours.eightMs()), p95(naive.eightMs()));
        out.printf(
                Locale.ROOT,
                "%-44s %12.2f %12.2f %7.1fx%n",
                "throughput, 0.2 s runs (gradings/s)",
                ours.gradingsPerSecond(),
                naive.gradingsPerSecond(),
                ours.gradingsPerSecond() / naive.gradingsPerSecond());
        out.printf(
                Locale.ROOT,
                "%-44s %12d %12s%n",
                "student JVM peak RSS, median (MB)",
                medianKb(ours.studentRssKb()) / 1024,
                "");
        out.printf(Locale.ROOT, "%-44s %12d %12s%n", "grader idle RSS after warm-up (MB)", graderIdleKb / 1024, "");
        out.printf(
                Locale.ROOT,
                "%-44s %12d %12s%n",
                "grader peak RSS during the benchmark (MB)",
                rssKb("VmHWM") / 1024,
                "");
        submissionLatency();
        double plain = jvmStartMs(Isolation.NONE);
        double boxed = jvmStartMs(sandbox);
        out.printf(Locale.ROOT, "%-44s %12.0f %12s%n", "JVM launch to first line, no sandbox (ms)", plain, "");
        out.printf(Locale.ROOT, "%-44s %12.0f %12s%n", "JVM launch to first line, sandboxed (ms)", boxed, "");
    }

    /**
     * Time from handing in a submission of three runs (2 s, 1.5 s, 2.5 s) to its verdict, against its longest run
     * and the sum of its runs, all measured in this run: the runs go at the same time, so the verdict should
     * come about when the longest run ends, not after all three one after another.
     */
    private void submissionLatency() {
        List<Double> latency = new ArrayList<>();
        List<Double> longest = new ArrayList<>();
        List<Double> sum = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            GradeResult r = grade(threeRuns);
            latency.add((System.nanoTime() - t0) / 1e6);
            check(r);
            longest.add((double) r.runs().stream()
                    .mapToLong(x -> x.startupMs() + x.durationMs())
                    .max()
                    .orElse(0));
            sum.add((double) r.runs().stream()
                    .mapToLong(x -> x.startupMs() + x.durationMs())
                    .sum());
        }
        out.printf(
                Locale.ROOT, "%-44s %12.0f %12s%n", "submission of 3 runs, verdict median (ms)", median(latency), "");
        out.printf(Locale.ROOT, "%-44s %12.0f %12s%n", "  its longest run, launch to end (ms)", median(longest), "");
        out.printf(
                Locale.ROOT,
                "%-44s %12.0f %12s %7.2fx%n",
                "  its runs one after another would be (ms)",
                median(sum),
                "",
                median(latency) / median(longest));
    }

    /**
     * The time hidden tests add to a grading: the median over 7 gradings of {@code withTests}'s reference with its
     * hidden tests, less the median without them (visible runs only); prints the row and returns it.
     */
    public double hiddenTestOverheadMs(Exercise withTests) {
        check(grader.grade(withTests, "bench", withTests.solution(), GradingListener.NONE, false)); // warm-up
        List<Double> with = new ArrayList<>();
        List<Double> without = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            long t0 = System.nanoTime();
            check(grader.grade(withTests, "bench", withTests.solution(), GradingListener.NONE, false));
            long t1 = System.nanoTime();
            grader.grade(withTests, "bench", withTests.solution(), GradingListener.NONE, true);
            with.add((t1 - t0) / 1e6);
            without.add((System.nanoTime() - t1) / 1e6);
        }
        double overhead = median(with) - median(without);
        out.printf(Locale.ROOT, "%-44s %12.0f %12s%n", "hidden tests of " + withTests.id() + " add (ms)", overhead, "");
        return overhead;
    }

    /** Median time from launching the short exercise's JVM to its first line, over 9 launches. */
    private double jvmStartMs(Isolation isolation) throws Exception {
        JvmLauncher launcher = JvmLauncher.ofCurrentJdk(isolation);
        Path program = Files.createTempDirectory("async-grader-bench-");
        try {
            Path classes = Files.createDirectories(program.resolve("classes"));
            Path source = program.resolve("Main.java");
            Files.writeString(source, shortRun.solution().get("Main.java"));
            exec(program, javaHome.resolve("bin/javac").toString(), "-d", classes.toString(), source.toString());
            List<Double> ms = new ArrayList<>();
            RunLimits limits = new RunLimits(java.time.Duration.ofSeconds(20), 256, 1000, 1 << 20, 4);
            for (int i = 0; i < 9; i++) {
                RunTranscript t = launcher.run(JavaProgram.mainClass(program, "Main", List.of()), limits, line -> {});
                ms.add(t.lines().getFirst().nanos() / 1e6);
            }
            return median(ms);
        } finally {
            JvmLauncher.deleteTree(program);
        }
    }

    private void row(String label, double ours, double naive) {
        out.printf(Locale.ROOT, "%-44s %12.0f %12.0f %7.1fx%n", label, ours, naive, naive / ours);
    }

    private Figures measure(Callable<Sample> sleepOnce, Callable<Object> shortOnce) throws Exception {
        List<Sample> alone = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            alone.add(sleepOnce.call());
        }
        List<Sample> eight = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 2; round++) {
                List<Future<Sample>> batch = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    batch.add(pool.submit(sleepOnce));
                }
                for (Future<Sample> f : batch) {
                    eight.add(f.get());
                }
            }
        } finally {
            pool.shutdown();
        }
        ExecutorService throughputPool = Executors.newFixedThreadPool(jobs);
        long start = System.nanoTime();
        try {
            List<Future<Object>> all = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                all.add(throughputPool.submit(shortOnce));
            }
            for (Future<Object> f : all) {
                f.get();
            }
        } finally {
            throughputPool.shutdown();
        }
        double perSecond = copies / ((System.nanoTime() - start) / 1e9);
        List<Long> rss = new ArrayList<>();
        alone.forEach(s -> rss.addAll(s.rssKb()));
        return new Figures(
                alone.stream().map(Sample::overheadMs).toList(),
                eight.stream().map(Sample::overheadMs).toList(),
                perSecond,
                rss);
    }

    /** One timed grading: overhead in ms and the student JVM's peak RSS where it reported it. */
    record Sample(double overheadMs, List<Long> rssKb) {}

    private Sample timedGrade() {
        long t0 = System.nanoTime();
        GradeResult r = grade(sleep);
        double ms = (System.nanoTime() - t0) / 1e6;
        check(r);
        List<Long> rss = new ArrayList<>();
        for (GradeResult.RunReport run : r.runs()) {
            for (GradeResult.Line l : run.lines()) {
                if (l.text().startsWith("VmHWM:")) {
                    rss.add(Long.parseLong(l.text().replaceAll("\\D", "")));
                }
            }
        }
        return new Sample(ms - PROGRAM_SECONDS * 1000, rss);
    }

    private @Nullable Object gradeShort() {
        check(grade(shortRun));
        return null;
    }

    private GradeResult grade(Exercise e) {
        return grader.grade(e, "bench", e.solution(), GradingListener.NONE);
    }

    private static void check(GradeResult r) {
        if (!r.fullMarks()) {
            throw new IllegalStateException(
                    "a benchmark grading lost points, so its timing means nothing: " + r.feedback());
        }
    }

    private Sample timedNaive() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        naive(sleep);
        return new Sample((System.nanoTime() - t0) / 1e6 - PROGRAM_SECONDS * 1000, List.of());
    }

    private @Nullable Object naiveShort() throws IOException, InterruptedException {
        naive(shortRun);
        return null;
    }

    /** The script every grader starts as: write the file, run javac, run java. */
    private void naive(Exercise e) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("async-grader-naive-");
        try {
            for (var f : e.solution().entrySet()) {
                Files.writeString(dir.resolve(f.getKey()), f.getValue());
            }
            exec(dir, javaHome.resolve("bin/javac").toString(), "-d", ".", "Main.java");
            exec(dir, javaHome.resolve("bin/java").toString(), "-cp", ".", "Main");
        } finally {
            JvmLauncher.deleteTree(dir);
        }
    }

    private static void exec(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }

    private static long rssKb(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    static long medianKb(List<Long> xs) {
        if (xs.isEmpty()) {
            return -1;
        }
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    static double p95(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get((int) Math.ceil(0.95 * s.size()) - 1);
    }
}
