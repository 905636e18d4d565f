package dev.asyncgrader.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asyncgrader.config.GraderConfig;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.grading.TestGraders;
import dev.asyncgrader.store.Database;
import dev.asyncgrader.store.PostgresServer;
import dev.asyncgrader.store.QueueStore;
import dev.asyncgrader.store.SubmissionKind;
import dev.asyncgrader.store.SubmissionRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A submission whose workers died on it again and again ends, on the next claim past {@code maxAttempts}, as an
 * internal error that says so, rather than killing worker after worker; one claimed fewer times is graded.
 */
class GradingAttemptsTest {
    static final String KEY = "attempts-key";

    @TempDir
    Path data;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void claimedTwiceByWorkersThatDied_maxAttemptsTwo_endsAsInternalError_theOtherIsGraded(String kind)
            throws Exception {
        String url = kind.equals("sqlite") ? null : PostgresServer.get().newDatabase();
        Database.Settings settings = new Database.Settings(url, url == null ? null : "grader", null, 4);
        String solution = Files.readString(Path.of("src/test/resources/test-exercises/hello-wait/solution/Main.java"));
        String doomed;
        String once;
        try (Database db = Database.open(settings, data)) {
            SubmissionRepository repo = new SubmissionRepository(db);
            QueueStore queue = new QueueStore(db);
            once = repo.insert(
                            SubmissionKind.GRADE, "hello-wait", "ben", Map.of("Main.java", solution), null, null, "lms")
                    .id();
            doomed = repo.insert(
                            SubmissionKind.GRADE, "hello-wait", "ann", Map.of("Main.java", solution), null, null, "lms")
                    .id();
            // A worker claimed ben's and died; two workers claimed ann's and died; all their leases ran out.
            assertEquals(
                    once,
                    queue.claim("dead-1", Duration.ofSeconds(1)).orElseThrow().submissionId());
            assertEquals(
                    doomed,
                    queue.claim("dead-2", Duration.ofMillis(1)).orElseThrow().submissionId());
            Thread.sleep(20);
            assertEquals(
                    doomed,
                    queue.claim("dead-3", Duration.ofMillis(1)).orElseThrow().submissionId());
            Thread.sleep(1100);
        }
        GraderConfig config = GraderConfig.DEFAULTS.withStore(
                new GraderConfig.Store(url, url == null ? null : "grader", null, 4, Duration.ofSeconds(30), 2));
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
            ApiClient api = new ApiClient(server.port(), KEY);
            JsonNode failed = api.awaitDone("/api/v1/submissions/" + doomed, Duration.ofSeconds(60));
            assertEquals("internal_error", failed.get("result").get("status").asText(), failed.toString());
            assertTrue(
                    failed.get("result").get("feedback").get(0).asText().contains("started 2 times"),
                    failed.toString());
            // ben's second claim is within the limit: graded.
            JsonNode graded = api.awaitDone("/api/v1/submissions/" + once, Duration.ofSeconds(60));
            assertEquals("graded", graded.get("result").get("status").asText(), graded.toString());
            assertEquals(
                    graded.get("result").get("maxScore").asDouble(),
                    graded.get("result").get("score").asDouble(),
                    graded.toString());
        }
    }
}
