package dev.asyncgrader.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asyncgrader.config.GraderConfig;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.grading.TestGraders;
import dev.asyncgrader.store.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop reaches a scratch run graded on another node: the API node that gets the Stop stores and announces it,
 * the worker node grading the run ends it, and the result says it was stopped.
 */
class RemoteStopTest {
    static final String KEY = "stop-key";

    @TempDir
    Path data;

    private static GraderConfig config(String url, GraderConfig.Role role) {
        GraderConfig.Server d = GraderConfig.DEFAULTS.server();
        GraderConfig.Server server = new GraderConfig.Server(
                d.host(),
                d.port(),
                d.data(),
                d.workers(),
                d.apiKeys(),
                d.studentSessions(),
                d.webhookSecret(),
                d.uploads(),
                d.instructorKeys(),
                role);
        GraderConfig c = GraderConfig.DEFAULTS.withStore(
                new GraderConfig.Store(url, "grader", null, 4, Duration.ofSeconds(30), 3));
        return new GraderConfig(
                c.exercises(),
                c.jobs(),
                c.compileMaxFiles(),
                c.compileMaxKb(),
                c.compileTimeout(),
                c.isolation(),
                c.sandbox(),
                server,
                c.lti(),
                c.jobe(),
                c.store());
    }

    private GraderServer start(String url, GraderConfig.Role role, String name) throws Exception {
        return new GraderServer(
                        config(url, role),
                        ExerciseCatalog.load(Path.of("src/test/resources/test-exercises")),
                        TestGraders.sandboxed(),
                        "test",
                        data.resolve(name),
                        2,
                        KEY,
                        null)
                .start(0);
    }

    @Test
    void stopOnTheApiNode_endsTheRunOnTheWorkerNode_asStopped() throws Exception {
        String url = PostgresServer.get().newDatabase();
        // Prints hello, then waits 3.5 s (inside the 4 s limit) before its last line: long enough to be stopped.
        String slow = Files.readString(Path.of("src/test/resources/test-exercises/hello-wait/solution/Main.java"))
                .replace("Thread.sleep(Long.parseLong(args[0]));", "Thread.sleep(3500);");
        assertTrue(slow.contains("Thread.sleep(3500);"), "the solution still sleeps as the test expects");
        try (GraderServer api = start(url, GraderConfig.Role.API, "api");
                GraderServer worker = start(url, GraderConfig.Role.WORKER, "worker")) {
            ApiClient lms = new ApiClient(api.port(), KEY);
            ApiClient.Response r = lms.post(
                    "/api/v1/runs",
                    ApiClient.json(
                            Map.of("exerciseId", "hello-wait", "student", "sam", "files", Map.of("Main.java", slow))));
            assertEquals(202, r.status(), r.body());
            String id = r.json().get("id").asText();
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!lms.get("/api/v1/runs/" + id).json().path("status").asText().equals("running")) {
                assertTrue(System.nanoTime() < end, "the worker never started the run");
                Thread.sleep(50);
            }
            Thread.sleep(500); // the program has printed hello and sleeps
            assertEquals(
                    404,
                    new ApiClient(worker.port(), KEY)
                            .post("/api/v1/runs/" + id + "/stop", "{}")
                            .status(),
                    "the worker node serves no API: the Stop must go through the API node");
            long stoppedAt = System.nanoTime();
            ApiClient.Response stop = lms.post("/api/v1/runs/" + id + "/stop", "{}");
            assertEquals(202, stop.status(), stop.body());
            assertTrue(stop.json().get("stopping").asBoolean(), stop.body());
            JsonNode done = lms.awaitDone("/api/v1/runs/" + id, Duration.ofSeconds(30));
            long tookMs = (System.nanoTime() - stoppedAt) / 1_000_000;
            assertEquals("stopped", done.get("result").get("status").asText(), done.toString());
            assertFalse(done.toString().contains("bye after"), "the stopped program never printed its last line");
            assertTrue(tookMs < 3000, "ended by the Stop, not by the program's own end: " + tookMs + " ms");
        }
    }
}
