package dev.asyncgrader.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A submission once accepted is never lost: SIGKILL the server with 50 queued or running, restart, all end graded. */
class KillRecoveryTest {
    static final String KEY = "recovery-key";

    @TempDir
    Path data;

    @Test
    void sigkillWith50Accepted_restart_all50EndGraded() throws Exception {
        int port = ServeProcess.freePort();
        ApiClient api = new ApiClient(port, KEY);
        String solution = Files.readString(Path.of("src/test/resources/test-exercises/hello-wait/solution/Main.java"));
        Path log1 = data.resolve("first.log");
        Process first = ServeProcess.start(port, data, log1, Map.of("GRADER_API_KEY", KEY));
        List<String> ids = new ArrayList<>();
        try {
            ServeProcess.awaitHealthy(api, first, log1);
            for (int i = 0; i < 50; i++) {
                ids.add(api.submit("hello-wait", "student" + i, Map.of("Main.java", solution)));
            }
            // Kill while gradings are running: wait until the first one is under way.
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < end
                    && api.get("/api/v1/submissions/" + ids.getFirst())
                            .json()
                            .path("status")
                            .asText()
                            .equals("queued")) {
                Thread.sleep(50);
            }
        } finally {
            first.destroyForcibly(); // SIGKILL; the sandboxed student JVMs die with it (bwrap --die-with-parent)
            first.waitFor();
        }
        Path log2 = data.resolve("second.log");
        Process second = ServeProcess.start(port, data, log2, Map.of("GRADER_API_KEY", KEY));
        try {
            ServeProcess.awaitHealthy(api, second, log2);
            int graded = 0;
            for (String id : ids) {
                JsonNode s = api.awaitDone("/api/v1/submissions/" + id, Duration.ofSeconds(240));
                assertEquals("graded", s.get("result").get("status").asText(), s.toString());
                assertEquals(
                        s.get("result").get("maxScore").asDouble(),
                        s.get("result").get("score").asDouble(),
                        s.toString());
                graded++;
            }
            assertEquals(50, graded);
            assertTrue(Files.readString(log2).contains("Took back"), Files.readString(log2));
        } finally {
            ServeProcess.kill(second);
        }
    }
}
