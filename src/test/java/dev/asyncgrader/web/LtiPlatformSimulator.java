package dev.asyncgrader.web;

import dev.asyncgrader.config.GraderConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The independent LTI platform of src/test/python/lti_platform.py (Python, PyJWT), run as a process on a free
 * loopback port for one test class.
 */
final class LtiPlatformSimulator implements AutoCloseable {
    static final String ISSUER = "https://lms.example.test";
    static final String CLIENT_ID = "client-1";
    static final String DEPLOYMENT = "deploy-1";
    static final String PLATFORM = "testlms";

    private final Process process;
    final String base;
    private final HttpClient http = HttpClient.newHttpClient();

    LtiPlatformSimulator() throws IOException {
        process = new ProcessBuilder(
                        "/usr/bin/python3",
                        Path.of("src/test/python/lti_platform.py").toString(),
                        ISSUER,
                        CLIENT_ID,
                        DEPLOYMENT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String ready = out.readLine();
        if (ready == null || !ready.startsWith("READY ")) {
            process.destroyForcibly();
            throw new IOException("The platform simulator did not start (python3-jwt and python3-cryptography are"
                    + " in .ci/debian-packages.txt): " + ready);
        }
        base = "http://127.0.0.1:" + ready.substring(6).strip();
    }

    /** The tool's {@code lti} settings registering this platform. */
    GraderConfig.Lti registration() {
        return new GraderConfig.Lti(
                Path.of("lti-key.pem"),
                List.of(new GraderConfig.LtiPlatform(
                        PLATFORM,
                        ISSUER,
                        CLIENT_ID,
                        List.of(DEPLOYMENT),
                        base + "/auth",
                        base + "/token",
                        base + "/jwks")));
    }

    /** Tells the platform where the tool is. */
    void tool(String toolBase) throws IOException, InterruptedException {
        post("/control/tool", toolBase);
    }

    /** What the platform saw, as JSON text. */
    String log() throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create(base + "/control/log"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private void post(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(path + ": " + r.statusCode() + " " + r.body());
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
