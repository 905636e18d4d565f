package dev.asyncgrader.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncgrader.config.GraderConfig;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.grading.TestGraders;
import dev.asyncgrader.store.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event streams read from a shared store (PostgreSQL): numbered for {@code Last-Event-ID}, and as filtered for a
 * student as the one-machine stream is: nothing of a hidden run reaches a student, while the LMS sees it.
 */
class StoredStreamsTest {
    static final String KEY = "streams-key";

    @TempDir
    Path data;

    @Test
    void studentStreamFromTheStore_hasNoHiddenArgument_lmsStreamHasIt_andLastEventIdResumes() throws Exception {
        String url = PostgresServer.get().newDatabase();
        GraderConfig config = GraderConfig.DEFAULTS
                .withStudentSessions(true)
                .withStore(new GraderConfig.Store(url, "grader", null, 4, Duration.ofSeconds(30), 3));
        try (GraderServer server = new GraderServer(
                        config,
                        ExerciseCatalog.load(Path.of("src/test/resources/test-exercises")),
                        TestGraders.sandboxed(),
                        "test",
                        data,
                        2,
                        KEY,
                        null)
                .start(0)) {
            ApiClient lms = new ApiClient(server.port(), KEY);
            ApiClient.Response session =
                    new ApiClient(server.port(), null).post("/api/v1/session", "{\"student\":\"ivan\"}");
            assertEquals(201, session.status(), session.body());
            String ivan = session.json().get("token").asText();
            ApiClient.Response r = lms.as(ivan)
                    .post(
                            "/api/v1/submissions",
                            ApiClient.json(Map.of(
                                    "exerciseId", "hello-wait", "files", Map.of("Main.java", ApiTest.ARGS_THROWER))));
            assertEquals(202, r.status(), r.body());
            String id = r.json().get("id").asText();

            List<String> studentLines = stream(lms, id, ivan, null);
            List<String> lmsLines = stream(lms, id, KEY, null);
            String student = String.join("\n", studentLines);
            assertTrue(studentLines.contains("event: result"), student);
            assertTrue(studentLines.contains("event: check"), student);
            assertFalse(student.contains("1500"), student);
            assertTrue(String.join("\n", lmsLines).contains("my args were 1500"), "the LMS sees the hidden run");

            List<Long> ids = lmsLines.stream()
                    .filter(l -> l.startsWith("id: "))
                    .map(l -> Long.parseLong(l.substring(4)))
                    .toList();
            assertEquals(
                    java.util.stream.LongStream.rangeClosed(1, ids.size())
                            .boxed()
                            .toList(),
                    ids,
                    "numbered 1, 2, ...");
            long last = ids.getLast();
            List<String> resumed = stream(lms, id, KEY, Long.toString(last - 2));
            assertEquals(
                    List.of("event: result", "event: status"),
                    resumed.stream().filter(l -> l.startsWith("event: ")).toList(),
                    "after Last-Event-ID " + (last - 2) + ": the last two");
        }
    }

    private static List<String> stream(ApiClient api, String id, String token, String lastEventId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create(api.base + "/api/v1/submissions/" + id + "/events?access_token=" + token))
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(60));
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        return new ArrayList<>(HttpClient.newHttpClient()
                .send(b.build(), HttpResponse.BodyHandlers.ofLines())
                .body()
                .toList());
    }
}
