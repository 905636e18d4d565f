package dev.asyncgrader.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asyncgrader.config.GraderConfig;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.grading.TestGraders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * LTI end to end in real headless Chromium (src/test/browser/lti.test.mjs): the simulator's course page frames
 * the tool cross-site; a learner submits in the frame and the platform receives that learner's score; an
 * instructor lands on the instructor view and adds an exercise to the course by deep linking.
 *
 * <p>Run alone: it expects full marks for finish-order's reference, and beside the hostile suite's CPU burners on
 * two cores that reference's timing is not what this test is about (BundledExercisesTest covers verdicts under
 * load).
 */
@Isolated
class LtiBrowserTest {
    private static final Path SCRIPT = Path.of("src/test/browser/lti.test.mjs");
    private static final String EXERCISE = "finish-order";

    @Test
    void learnerSubmitsInTheLmsFrame_platformReceivesTheScore_instructorViewAndDeepLinking(@TempDir Path data)
            throws Exception {
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        assertTrue(Files.isExecutable(Path.of(chromium)), "Chromium is not installed at " + chromium);
        try (LtiPlatformSimulator platform = new LtiPlatformSimulator();
                GraderServer server = new GraderServer(
                                GraderConfig.DEFAULTS.withLti(platform.registration()),
                                ExerciseCatalog.load(Path.of("exercises")),
                                TestGraders.sandboxed(),
                                "test",
                                data,
                                2,
                                "test-key",
                                null)
                        .start(0)) {
            platform.tool("http://127.0.0.1:" + server.port());
            // The course page on another site (localhost) than the tool and the platform's endpoints (127.0.0.1).
            String course = platform.base.replace("127.0.0.1", "localhost");
            BrowserScripts.runNode(
                    List.of(
                            "node",
                            SCRIPT.toString(),
                            course,
                            EXERCISE,
                            "exercises/" + EXERCISE + "/solution/Main.java",
                            "target/screenshots"),
                    Map.of());
            JsonNode score = LtiLaunchTest.scoresFor(platform, "gwen", 1).getFirst();
            assertEquals(
                    score.get("scoreMaximum").asDouble(),
                    score.get("scoreGiven").asDouble(),
                    score.toString());
            assertTrue(score.get("scoreMaximum").asDouble() > 0, score.toString());
            String log = platform.log();
            assertTrue(
                    log.contains("\"deep-link\"") && log.contains("\"exercise\": \"" + EXERCISE + "\""),
                    "the platform received no deep link to " + EXERCISE + ": " + log);
        }
    }
}
