package dev.asyncgrader.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncgrader.config.GraderConfig;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.grading.TestGraders;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The instructor's gradebook and the student page's newer parts in real headless Chromium against a real
 * server: src/test/browser/gradebook.test.mjs grades three students on two quick exercises through the LMS API,
 * signs in with an instructor key, reads the gradebook, downloads the CSV and compares it with the API,
 * re-grades an exercise watching its progress, and shows that a student session cannot open the gradebook.
 */
class GradebookBrowserTest {
    private static final Path SCRIPT = Path.of("src/test/browser/gradebook.test.mjs");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final String INSTRUCTOR_KEY = "instructor-key-for-the-test";
    private static final long TIMEOUT_MINUTES = 6;

    @Test
    void instructorReadsExportsAndRegradesAGradebookOfThreeStudentsAndTwoExercises(@TempDir Path dir) throws Exception {
        assertTrue(Files.isExecutable(Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"))));
        Path exercises = dir.resolve("exercises");
        copy(Path.of("src/test/resources/test-exercises/hello-wait"), exercises.resolve("hello-wait"));
        copy(Path.of("src/test/resources/test-exercises/hello-wait"), exercises.resolve("hello-again"));
        Path config = dir.resolve("grader.yaml");
        Files.writeString(
                config,
                "server:\n  instructorKeys:\n    - name: ada\n      sha256: " + Auth.sha256(INSTRUCTOR_KEY) + "\n");
        try (GraderServer server = new GraderServer(
                        GraderConfig.load(config),
                        ExerciseCatalog.load(exercises),
                        TestGraders.sandboxed(),
                        "test",
                        dir.resolve("data"),
                        2,
                        "lms-key",
                        null)
                .start(0)) {
            String baseUrl = "http://127.0.0.1:" + server.port();
            ProcessBuilder pb = new ProcessBuilder(
                            "node", SCRIPT.toString(), baseUrl, SCREENSHOTS.toString(), "lms-key", INSTRUCTOR_KEY)
                    .redirectErrorStream(true);
            pb.environment().put("EXERCISES", exercises.toString());
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
        }
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
