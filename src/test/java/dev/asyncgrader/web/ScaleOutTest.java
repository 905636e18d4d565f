package dev.asyncgrader.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asyncgrader.store.PostgresServer;
import dev.asyncgrader.store.StoreListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many machines on one store: an API process and two worker processes (separate JVMs running {@code serve})
 * on one real PostgreSQL. Every submission is graded exactly once; a worker killed with SIGKILL in mid-grading
 * leaves its submissions to the other once the lease runs out, none lost, none graded twice, nothing late from
 * the dead worker; and with the listening connections killed, work is still picked up.
 */
class ScaleOutTest {
    static final String KEY = "scale-key";
    /** Short, so that the killed worker's submissions go to the other within seconds. */
    static final double LEASE_SECONDS = 3;

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process p : processes) {
            p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor();
        }
    }

    private record Node(String name, Process process, ApiClient api, Path log) {}

    /** Starts {@code serve} in its own JVM with {@code role} on the store at {@code url}, and waits until healthy. */
    private Node start(String name, String role, String url) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        Path config = home.resolve("grader.yaml");
        Files.writeString(config, """
                server:
                  role: %s
                  workers: 3
                store:
                  url: %s
                  user: grader
                  pool: 6
                  leaseSeconds: %s
                  maxAttempts: 3
                """.formatted(role, url, LEASE_SECONDS));
        int port = ServeProcess.freePort();
        Path log = home.resolve("serve.log");
        Process p = ServeProcess.start(
                port, home.resolve("data"), log, Map.of("GRADER_API_KEY", KEY, "GRADER_CONFIG", config.toString()));
        processes.add(p);
        ApiClient api = new ApiClient(port, KEY);
        ServeProcess.awaitHealthy(api, p, log);
        ApiClient.Response h = api.get("/health");
        assertEquals(role, h.json().get("role").asText(), h.body());
        assertTrue(h.json().get("store").asText().startsWith("postgresql:"), h.body());
        return new Node(h.json().get("node").asText(), p, api, log);
    }

    @Test
    void twoWorkersOneApi_sixtyGradedOnce_killedWorkersShareFinishedByTheOther_listenerLossStillPicksUp()
            throws Exception {
        PostgresServer pg = PostgresServer.get();
        String url = pg.newDatabase();
        Node api = start("api", "api", url);
        Node a = start("worker-a", "worker", url);
        Node b = start("worker-b", "worker", url);
        assertEquals(404, a.api().get("/api/v1/exercises").status(), "a worker serves no API");

        String solution = Files.readString(Path.of("src/test/resources/test-exercises/hello-wait/solution/Main.java"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add(api.api().submit("hello-wait", "student" + i, Map.of("Main.java", solution)));
        }
        // Kill worker A while it grades: when it holds leases on submissions in mid-grading.
        Set<String> heldByA = new HashSet<>();
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (heldByA.isEmpty() && System.nanoTime() < end) {
            heldByA.addAll(strings(
                    url,
                    "SELECT id FROM submissions WHERE leased_by = ? AND status IN ('running', 'checking')",
                    a.name()));
            Thread.sleep(20);
        }
        a.process().destroyForcibly(); // SIGKILL; its sandboxed student JVMs die with it (bwrap --die-with-parent)
        a.process().waitFor();
        heldByA.addAll(strings(url, "SELECT id FROM submissions WHERE leased_by = ? AND status <> 'done'", a.name()));
        assertFalse(heldByA.isEmpty(), "worker A was grading when killed");

        awaitAllDone(url, ids, Duration.ofSeconds(150));
        Map<String, Integer> results = new HashMap<>();
        Map<String, String> resultWriter = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, "grader", "");
                PreparedStatement s = c.prepareStatement(
                        "SELECT submission_id, written_by FROM submission_events WHERE name = 'result'");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                results.merge(r.getString(1), 1, Integer::sum);
                resultWriter.put(r.getString(1), r.getString(2));
            }
        }
        for (String id : ids) {
            assertEquals(1, results.getOrDefault(id, 0), "result events of " + id + ": graded exactly once");
            JsonNode s = api.api().get("/api/v1/submissions/" + id).json();
            assertEquals("graded", s.get("result").get("status").asText(), s.toString());
            assertEquals(
                    s.get("result").get("maxScore").asDouble(),
                    s.get("result").get("score").asDouble(),
                    s.toString());
        }
        for (String id : heldByA) {
            assertEquals(b.name(), resultWriter.get(id), "the dead worker's submission " + id + " finished by B");
            assertEquals(
                    List.of(b.name()),
                    strings(url, "SELECT leased_by FROM submissions WHERE id = ?", id),
                    "the lease of " + id + " ended with B");
        }
        Set<String> byA = new HashSet<>(strings(
                url, "SELECT submission_id FROM submission_events WHERE name = 'result' AND written_by = ?", a.name()));
        byA.retainAll(heldByA);
        assertEquals(Set.of(), byA, "no result of the killed worker for what it held when killed");
        String metrics = b.api().get("/metrics").body();
        assertTrue(reclaims(metrics) >= heldByA.size(), metrics);

        // An API node streams events written by a worker process: replay from the store, resumable.
        String taken = heldByA.iterator().next();
        List<String> names = eventNames(api, taken, null);
        assertEquals("result", names.get(names.size() - 2), names.toString());
        assertEquals("status", names.getLast(), names.toString());
        assertEquals(List.of("status"), eventNames(api, taken, "" + (names.size() - 1)), "Last-Event-ID resumes");

        // The listening connections die: work is still picked up (reconnect, and polling meanwhile).
        Thread.sleep(500);
        assertTrue(pg.terminate(url, StoreListener.APPLICATION_NAME) >= 2, "API's and B's listeners");
        List<String> more = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            more.add(api.api().submit("hello-wait", "late" + i, Map.of("Main.java", solution)));
        }
        awaitAllDone(url, more, Duration.ofSeconds(60));
        assertTrue(Files.readString(b.log()).contains("store listener: connection lost"), Files.readString(b.log()));
    }

    private static double reclaims(String metrics) {
        return metrics.lines()
                .filter(l -> l.startsWith("grader_reclaims_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static List<String> eventNames(Node api, String id, String lastEventId) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(
                        URI.create(api.api().base + "/api/v1/submissions/" + id + "/events?access_token=" + KEY))
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(30));
        if (lastEventId != null) {
            r.header("Last-Event-ID", lastEventId);
        }
        List<String> names = new ArrayList<>();
        HttpClient.newHttpClient()
                .send(r.build(), HttpResponse.BodyHandlers.ofLines())
                .body()
                .filter(l -> l.startsWith("event: "))
                .forEach(l -> names.add(l.substring(7)));
        return names;
    }

    private static void awaitAllDone(String url, List<String> ids, Duration limit) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            Set<String> done = new HashSet<>(strings(url, "SELECT id FROM submissions WHERE status = 'done'"));
            if (done.containsAll(ids)) {
                return;
            }
            if (System.nanoTime() > end) {
                List<String> open =
                        ids.stream().filter(id -> !done.contains(id)).toList();
                throw new AssertionError(open.size() + " not done within " + limit + ": " + open);
            }
            Thread.sleep(250);
        }
    }

    private static List<String> strings(String url, String sql, String... args) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "grader", "");
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
            return out;
        }
    }
}
