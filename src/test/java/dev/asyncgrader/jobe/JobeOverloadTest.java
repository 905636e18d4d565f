package dev.asyncgrader.jobe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asyncgrader.config.GraderConfig;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.grading.TestGraders;
import dev.asyncgrader.web.GraderServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A burst of runs against a server admitting two at a time with a short wait: overload is outcome 21. */
class JobeOverloadTest {
    static final String KEY = "lms-key-for-jobe-overload";

    @TempDir
    Path data;

    @Test
    void twentyConcurrentRunsWithRoomForTwoGiveOutcome21sAndNeverA500() throws Exception {
        GraderServer server = new GraderServer(
                GraderConfig.DEFAULTS.withJobe(new GraderConfig.Jobe(Duration.ofMillis(300))),
                ExerciseCatalog.load(Path.of("src/test/resources/test-exercises")),
                TestGraders.sandboxed(),
                "test",
                data,
                2,
                KEY,
                null);
        try (GraderServer running = server.start(0);
                ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            JobeClient jobe = new JobeClient("http://127.0.0.1:" + running.port() + "/jobe/index.php/restapi/", KEY);
            Map<String, Object> spec = new HashMap<>();
            spec.put("language_id", "java");
            spec.put(
                    "sourcecode",
                    "public class Nap { public static void main(String[] a) throws Exception {"
                            + " Thread.sleep(1000); System.out.println(\"rested\"); } }");
            List<Future<JobeClient.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(clients.submit(() -> jobe.run(spec)));
            }
            int ok = 0;
            int overload = 0;
            for (Future<JobeClient.Answer> f : answers) {
                JobeClient.Answer a = f.get();
                assertEquals(200, a.status(), a.body());
                JsonNode r = a.json();
                switch (r.get("outcome").asInt()) {
                    case 15 -> {
                        assertEquals("rested\n", r.get("stdout").asText());
                        ok++;
                    }
                    case 21 -> overload++;
                    default -> throw new AssertionError("unexpected outcome: " + r);
                }
            }
            assertEquals(20, ok + overload);
            assertTrue(ok >= 2, "the first two are admitted: " + ok);
            assertTrue(overload >= 1, "with room for two and a 0.3 s wait, a burst of 20 overloads: " + overload);
        }
    }
}
