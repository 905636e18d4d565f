package dev.asyncgrader.cli;

import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.grading.Grader;
import dev.asyncgrader.sandbox.Isolation;
import dev.asyncgrader.web.GraderServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Starts the web service: REST API, browser page, background grading. */
@Command(name = "serve", description = "Start the web service (REST API under /api/v1 and the browser page).")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", description = "Port (default: server.port in grader-config/grader.yaml, else 7070).")
    Integer port;

    @Option(names = "--data", description = "Data folder for the database (default: server.data, else data).")
    Path data;

    @Mixin
    ExercisesFolder exercisesFolder;

    @Mixin
    ConfigChoice settings;

    @Override
    public Integer call() throws Exception {
        GradingRuntime runtime = settings.runtime();
        var config = runtime.config;
        ExerciseCatalog catalog = ExerciseCatalog.load(exercisesFolder.in(runtime));
        Isolation isolation = runtime.isolation();
        Grader grader = runtime.grader();
        int workers = config.server().workers() > 0 ? config.server().workers() : runtime.jobs(null);
        GraderServer server = new GraderServer(
                config,
                catalog,
                grader,
                isolation.describe(),
                data != null ? data : config.server().data(),
                workers,
                System.getenv("GRADER_API_KEY"),
                System.getenv("GRADER_WEBHOOK_SECRET"));
        server.start(port != null ? port : config.server().port());
        System.err.printf(
                "async-grader serving %d exercises on http://localhost:%d/ (API: /api/v1, %d workers, isolation: %s,"
                        + " role: %s, store: %s)%n",
                catalog.all().size(),
                server.port(),
                workers,
                isolation.describe(),
                config.server().role().wireName(),
                server.storeDescription());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("stopping: " + e.getMessage());
            }
        }));
        new CountDownLatch(1).await();
        return 0;
    }
}
