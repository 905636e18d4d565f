package dev.asyncgrader.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deliveries owed when the server is killed are not lost: with the platform's score endpoint and an LMS's
 * webhook receiver down, launched learners' gradings finish, the server is SIGKILLed, the receivers come back,
 * a new server starts, and every score and webhook arrives, each once.
 */
class DeliveryRecoveryTest {
    static final String KEY = "delivery-key";
    static final List<String> LEARNERS = List.of("kim", "lou", "max");
    static final Map<String, String> SERVER_ENVIRONMENT =
            Map.of("GRADER_API_KEY", KEY, "GRADER_WEBHOOK_SECRET", "hook-secret");

    @TempDir
    Path data;

    private static long count(String log, String event) throws IOException {
        long n = 0;
        for (JsonNode e : ApiClient.JSON.readTree(log)) {
            if (e.get("event").asText().equals(event)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void sigkillWithScoresAndWebhooksPending_restart_eachArrivesOnce() throws Exception {
        int port = ServeProcess.freePort();
        AtomicBoolean hookUp = new AtomicBoolean(false);
        List<String> hooks = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            int status = hookUp.get() ? 200 : 503;
            if (status == 200) {
                hooks.add(exchange.getRequestHeaders().getFirst("X-Grader-Submission"));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        try (LtiPlatformSimulator platform = new LtiPlatformSimulator()) {
            String tool = "http://127.0.0.1:" + port;
            platform.tool(tool);
            platform.scoresDown(true);
            var reg = platform.registration().platforms().getFirst();
            Path config = data.resolve("grader.yaml");
            Files.writeString(config, """
                    lti:
                      platforms:
                        - name: %s
                          issuer: %s
                          clientId: "%s"
                          deploymentIds: ["%s"]
                          authUrl: %s
                          tokenUrl: %s
                          jwksUrl: %s
                    """.formatted(
                            reg.name(),
                            reg.issuer(),
                            reg.clientId(),
                            reg.deploymentIds().getFirst(),
                            reg.authUrl(),
                            reg.tokenUrl(),
                            reg.jwksUrl()));
            ApiClient lms = new ApiClient(port, KEY);
            String solution =
                    Files.readString(Path.of("src/test/resources/test-exercises/hello-wait/solution/Main.java"));
            Path log1 = data.resolve("first.log");
            Process first = ServeProcess.start(port, data, log1, SERVER_ENVIRONMENT, "--config", config.toString());
            List<String> hookIds = new ArrayList<>();
            try {
                ServeProcess.awaitHealthy(lms, first, log1);
                List<String> ids = new ArrayList<>();
                List<ApiClient> learners = new ArrayList<>();
                for (String user : LEARNERS) {
                    JsonNode launched = LtiPlatformSimulator.handed(
                            platform.launch(platform.login(user, List.of(LtiLaunchTest.LEARNER), Map.of())));
                    ApiClient as = new ApiClient(port, launched.get("token").asText());
                    ApiClient.Response r = as.post(
                            "/api/v1/submissions",
                            ApiClient.json(Map.of("exerciseId", "hello-wait", "files", Map.of("Main.java", solution))));
                    assertEquals(202, r.status(), r.body());
                    ids.add(r.json().get("id").asText());
                    learners.add(as);
                }
                ApiClient.Response hooked = lms.post(
                        "/api/v1/submissions",
                        ApiClient.json(Map.of(
                                "exerciseId",
                                "hello-wait",
                                "student",
                                "hooked",
                                "files",
                                Map.of("Main.java", solution),
                                "callbackUrl",
                                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")));
                assertEquals(202, hooked.status(), hooked.body());
                hookIds.add(hooked.json().get("id").asText());
                for (int i = 0; i < ids.size(); i++) {
                    learners.get(i).awaitDone("/api/v1/submissions/" + ids.get(i), Duration.ofMinutes(3));
                }
                lms.awaitDone("/api/v1/submissions/" + hookIds.getFirst(), Duration.ofMinutes(3));
                // Every score was tried and refused at least once: the deliveries are owed, not lost in memory.
                long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (count(platform.log(), "score-unavailable") < LEARNERS.size() && System.nanoTime() < end) {
                    Thread.sleep(100);
                }
                assertTrue(count(platform.log(), "score-unavailable") >= LEARNERS.size(), platform.log());
                assertEquals(0, count(platform.log(), "score"), platform.log());
            } finally {
                first.destroyForcibly(); // SIGKILL
                first.waitFor();
            }
            platform.scoresDown(false);
            hookUp.set(true);
            Path log2 = data.resolve("second.log");
            Process second = ServeProcess.start(port, data, log2, SERVER_ENVIRONMENT, "--config", config.toString());
            try {
                ServeProcess.awaitHealthy(lms, second, log2);
                long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while ((count(platform.log(), "score") < LEARNERS.size() || hooks.isEmpty())
                        && System.nanoTime() < end) {
                    Thread.sleep(200);
                }
                Thread.sleep(2000); // any duplicate would arrive now
                String log = platform.log();
                for (String user : LEARNERS) {
                    List<JsonNode> scores = new ArrayList<>();
                    for (JsonNode e : ApiClient.JSON.readTree(log)) {
                        if (e.get("event").asText().startsWith("score")
                                && !e.get("event").asText().equals("score-unavailable")
                                && e.get("userId").asText().equals(user)) {
                            scores.add(e);
                        }
                    }
                    assertEquals(1, scores.size(), user + ": " + log);
                    assertEquals("score", scores.getFirst().get("event").asText());
                }
                assertEquals(hookIds, hooks, "the webhook arrived once, after the restart");
            } finally {
                ServeProcess.kill(second);
            }
        } finally {
            receiver.stop(0);
        }
    }
}
