package dev.asyncgrader.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Gradings per second through one PostgreSQL store with one worker process and with two, measured in the same
 * run: an API process takes the submissions, worker processes ({@code serve} with {@code role: worker}, each
 * in its own JVM, as on separate machines) claim and grade them. On one machine the workers share its cores, so
 * this shows what the store and the claims cost, not what a second machine adds.
 */
public final class ScaleOutBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String storeUrl;
    private final String user;
    private final String passwordEnv;
    private final Path exercises;
    private final String exerciseId;
    private final String solution;
    private final int copies;
    private final int workersPerProcess;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String key = UUID.randomUUID().toString();

    /**
     * @param workersPerProcess gradings at once in each worker process
     */
    public ScaleOutBench(
            String storeUrl,
            String user,
            String passwordEnv,
            Path exercises,
            String exerciseId,
            String solution,
            int copies,
            int workersPerProcess,
            PrintStream out) {
        this.storeUrl = storeUrl;
        this.user = user;
        this.passwordEnv = passwordEnv;
        this.exercises = exercises;
        this.exerciseId = exerciseId;
        this.solution = solution;
        this.copies = copies;
        this.workersPerProcess = workersPerProcess;
        this.out = out;
    }

    /** Measures with one worker process, then with two, and prints the row. */
    public void run() throws Exception {
        double one = gradingsPerSecond(1);
        double two = gradingsPerSecond(2);
        out.printf(
                Locale.ROOT,
                "%-44s %12.2f %12.2f %7.1fx%n",
                "PostgreSQL store, 1 / 2 worker processes (gradings/s)",
                one,
                two,
                two / one);
    }

    private double gradingsPerSecond(int workerProcesses) throws Exception {
        Path dir = Files.createTempDirectory("grader-scale-bench");
        List<Process> processes = new ArrayList<>();
        try {
            String api = start(dir, "api", "api", processes);
            for (int i = 0; i < workerProcesses; i++) {
                start(dir, "worker-" + i, "worker", processes);
            }
            awaitDone(api, submit(api, workerProcesses * workersPerProcess)); // warm-up: compilers, JIT, sandbox
            long start = System.nanoTime();
            awaitDone(api, submit(api, copies));
            return copies / ((System.nanoTime() - start) / 1e9);
        } finally {
            for (Process p : processes) {
                p.destroy();
            }
            for (Process p : processes) {
                p.waitFor();
            }
        }
    }

    /** Starts {@code serve} with {@code role} and returns its base URL once healthy. */
    private String start(Path dir, String name, String role, List<Process> processes) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        Path config = home.resolve("grader.yaml");
        Files.writeString(config, """
                server:
                  role: %s
                  workers: %d
                store:
                  url: %s
                  user: %s
                %s""".formatted(
                        role,
                        workersPerProcess,
                        storeUrl,
                        user == null ? "grader" : user,
                        passwordEnv == null ? "" : "  passwordEnv: " + passwordEnv + "\n"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.asyncgrader.cli.GraderCli",
                "serve",
                "--port",
                Integer.toString(port),
                "--data",
                home.resolve("data").toString(),
                "--exercises",
                exercises.toAbsolutePath().toString());
        pb.environment().put("GRADER_CONFIG", config.toString());
        pb.environment().put("GRADER_API_KEY", key);
        pb.redirectErrorStream(true).redirectOutput(home.resolve("serve.log").toFile());
        Process p = pb.start();
        processes.add(p);
        String base = "http://127.0.0.1:" + port;
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < end) {
            if (!p.isAlive()) {
                throw new IOException(name + " died: " + Files.readString(home.resolve("serve.log")));
            }
            try {
                if (get(base + "/health").statusCode() == 200) {
                    return base;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IOException(name + " did not start: " + Files.readString(home.resolve("serve.log")));
    }

    private List<String> submit(String api, int n) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String body = JSON.writeValueAsString(
                    Map.of("exerciseId", exerciseId, "student", "bench" + i, "files", Map.of("Main.java", solution)));
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(api + "/api/v1/submissions"))
                            .header("Authorization", "Bearer " + key)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 202) {
                throw new IOException("submitting: " + r.statusCode() + " " + r.body());
            }
            ids.add(JSON.readTree(r.body()).get("id").asText());
        }
        return ids;
    }

    private void awaitDone(String api, List<String> ids) throws Exception {
        long end = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        for (String id : ids) {
            while (true) {
                JsonNode s =
                        JSON.readTree(get(api + "/api/v1/submissions/" + id).body());
                if (s.path("status").asText().equals("done")) {
                    if (!s.path("result").path("status").asText().equals("graded")) {
                        throw new IllegalStateException("benchmark submission not graded: " + s);
                    }
                    break;
                }
                if (System.nanoTime() > end) {
                    throw new IOException("not graded within 10 minutes: " + id);
                }
                Thread.sleep(20);
            }
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + key)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
