package dev.asyncgrader.cli;

import dev.asyncgrader.bench.Benchmark;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.sandbox.Isolation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the benchmark: the grader against a javac-then-java pipeline, measured in the same run. */
@Command(
        name = "bench",
        description = "Measure verdict overhead, throughput and memory against the naive javac+java pipeline.")
final class BenchCommand implements Callable<Integer> {
    @Option(
            names = "--copies",
            defaultValue = "40",
            description = "Gradings of the short exercise for throughput (default: ${DEFAULT-VALUE}).")
    int copies;

    @Option(names = "--jobs", description = "Gradings at once for throughput (default: as for batch grading).")
    Integer jobs;

    @Option(
            names = "--store",
            description = "A PostgreSQL JDBC URL (user grader, or store.user; password from store.passwordEnv): also"
                    + " measure gradings/s with one and with two worker processes on it.")
    String store;

    @Mixin
    ConfigChoice settings;

    @Override
    public Integer call() throws Exception {
        GradingRuntime runtime = settings.runtime();
        ExerciseCatalog bench = ExerciseCatalog.load(Path.of("bench", "exercises"));
        Isolation sandbox = runtime.isolation();
        Benchmark benchmark = new Benchmark(
                runtime.grader(),
                sandbox,
                Path.of(System.getProperty("java.home")),
                bench.get("sleep-2s"),
                bench.get("short-run"),
                bench.get("three-runs"),
                copies,
                runtime.jobs(jobs),
                System.out);
        benchmark.run();
        benchmark.hiddenTestOverheadMs(
                ExerciseCatalog.load(Path.of("exercises")).get("concurrent-fetch"));
        if (store != null) {
            new dev.asyncgrader.bench.ScaleOutBench(
                            store,
                            runtime.config.store().user(),
                            runtime.config.store().passwordEnv(),
                            Path.of("bench", "exercises"),
                            "short-run",
                            java.nio.file.Files.readString(Path.of("bench/exercises/short-run/solution/Main.java")),
                            copies,
                            runtime.jobs(jobs),
                            System.out)
                    .run();
        }
        return 0;
    }
}
