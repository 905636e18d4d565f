package dev.asyncgrader.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncgrader.config.GraderConfig;
import dev.asyncgrader.config.Sha256;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.grading.TestGraders;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a browser script (src/test/browser/*.mjs, playwright-core driving Debian's Chromium) against a real
 * server grading two quick exercises (hello-wait and a copy, hello-again), and fails with the script's log.
 */
final class BrowserScripts {
    static final String LMS_KEY = "lms-key";
    static final String INSTRUCTOR_KEY = "instructor-key-for-the-test";
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final long TIMEOUT_MINUTES = 6;

    private BrowserScripts() {}

    /** Starts a server over {@code dir}, runs {@code node script BASE_URL SCREENSHOTS args...}, expects exit 0. */
    static void run(Path dir, String script, String... args) throws Exception {
        assertTrue(Files.isExecutable(Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"))));
        Path exercises = dir.resolve("exercises");
        copy(Path.of("src/test/resources/test-exercises/hello-wait"), exercises.resolve("hello-wait"));
        copy(Path.of("src/test/resources/test-exercises/hello-wait"), exercises.resolve("hello-again"));
        if (List.of(args).contains("live-checks")) {
            // A fast run with a check of its own and a slow run: that check is decided while the slow run goes on.
            copy(Path.of("src/test/resources/progress-exercises/two-speeds"), exercises.resolve("two-speeds"));
        }
        Path config = dir.resolve("grader.yaml");
        Files.writeString(
                config,
                "server:\n  studentSessions: true\n  instructorKeys:\n    - name: ada\n      sha256: "
                        + Sha256.hex(INSTRUCTOR_KEY) + "\n");
        try (GraderServer server = new GraderServer(
                        GraderConfig.load(config),
                        ExerciseCatalog.load(exercises),
                        TestGraders.sandboxed(),
                        "test",
                        dir.resolve("data"),
                        2,
                        LMS_KEY,
                        null)
                .start(0)) {
            List<String> command = new ArrayList<>(List.of(
                    "node", "src/test/browser/" + script, "http://127.0.0.1:" + server.port(), SCREENSHOTS.toString()));
            command.addAll(List.of(args));
            runNode(command, Map.of("EXERCISES", exercises.toString()));
        }
    }

    /**
     * Runs a node script to its end (at most {@link #TIMEOUT_MINUTES}, then its process tree is killed), echoing its
     * lines, and fails with its log unless it exits 0; returns the log.
     */
    static String runNode(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(environment);
        Process node = pb.start();
        node.getOutputStream().close();
        StringBuilder output = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> copyLines(node, output));
        boolean finished = node.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!finished) {
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly();
            node.waitFor();
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        String log;
        synchronized (output) {
            log = output.toString();
        }
        assertTrue(finished, "The browser test did not end within " + TIMEOUT_MINUTES + " minutes:\n" + log);
        assertEquals(0, node.exitValue(), "The browser test failed:\n" + log);
        return log;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void copyLines(Process node, StringBuilder output) {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                System.out.println("[browser] " + line);
                synchronized (output) {
                    output.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
