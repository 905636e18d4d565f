package dev.asyncgrader.web;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncgrader.config.GraderConfig;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.grading.TestGraders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser page in real headless Chromium against a real server: src/test/browser/page.test.mjs signs in,
 * runs and submits finish-order solutions and checks what a student sees; screenshots go to target/screenshots.
 */
class BrowserPageTest {
    private static final Path SCRIPT = Path.of("src/test/browser/page.test.mjs");
    private static final Path PLAYWRIGHT = Path.of("src/main/frontend/node_modules/playwright-core");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final long TIMEOUT_MINUTES = 6;

    @Test
    void studentRunsSubmitsAndSeesResultsAndTimeline(@TempDir Path data) throws Exception {
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        assertTrue(
                Files.isExecutable(Path.of(chromium)),
                "Chromium is not installed at " + chromium
                        + ": run .ci/install-test-deps (it installs the packages in .ci/debian-packages.txt)"
                        + " or apt-get install chromium.");
        assertTrue(
                Files.isDirectory(PLAYWRIGHT),
                PLAYWRIGHT + " is missing: the Maven build installs it (npm ci in src/main/frontend, phase"
                        + " generate-resources); run mvn test, not the test class alone from an IDE.");
        assertNotNull(
                GraderServer.class.getResource("/web/app.js"),
                "The bundled page (web/app.js) is not on the class path: the generate-resources phase builds it.");

        try (GraderServer server = new GraderServer(
                        GraderConfig.DEFAULTS.withStudentSessions(true),
                        ExerciseCatalog.load(Path.of("exercises")),
                        TestGraders.sandboxed(),
                        "test",
                        data,
                        2,
                        "test-key",
                        null)
                .start(0)) {
            String baseUrl = "http://127.0.0.1:" + server.port();
            String log = BrowserScripts.runNode(
                    List.of("node", SCRIPT.toString(), baseUrl, SCREENSHOTS.toString()), Map.of());
            assertTrue(Files.isRegularFile(SCREENSHOTS.resolve("exercise-solved.png")), log);
            assertTrue(Files.isRegularFile(SCREENSHOTS.resolve("exercise-failed.png")), log);
        }
    }

    /** Echoes the script's output as it comes (it names each step) and keeps it for the failure message. */
}
