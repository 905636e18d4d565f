package dev.asyncgrader.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asyncgrader.config.GraderConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The independent LTI platform of src/test/python/lti_platform.py (Python, PyJWT), run as a process on a free
 * loopback port for one test class.
 */
final class LtiPlatformSimulator implements AutoCloseable {
    static final String ISSUER = "https://lms.example.test";
    static final String CLIENT_ID = "client-1";
    static final String DEPLOYMENT = "deploy-1";
    static final String PLATFORM = "testlms";

    static final Pattern HIDDEN = Pattern.compile("name=\"(id_token|state)\" value=\"([^\"]+)\"");
    static final Pattern HANDED = Pattern.compile("window\\.graderLaunch = (\\{.*?\\});");

    private final Process process;
    private final HttpClient noRedirects =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private String tool;
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
        this.tool = toolBase;
    }

    /** The launch form the platform answered: its id_token and state. */
    record Form(String idToken, String state) {}

    /** The tool's login, then the platform's authorization endpoint; returns the form it would auto-post. */
    Form login(String user, List<String> roles, Map<String, Object> extra) throws Exception {
        Map<String, Object> hint = new LinkedHashMap<>();
        hint.put("user", user);
        hint.put("name", "Name of " + user);
        hint.put("roles", roles);
        hint.put("exercise", "hello-wait");
        hint.putAll(extra);
        String query = query(Map.of(
                "iss",
                ISSUER,
                "client_id",
                CLIENT_ID,
                "login_hint",
                user,
                "target_link_uri",
                tool + "/lti/launch",
                "lti_message_hint",
                ApiClient.json(hint)));
        HttpResponse<String> toAuth = get(tool + "/lti/login?" + query);
        assertEquals(302, toAuth.statusCode(), toAuth.body());
        String location = toAuth.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(base + "/auth?"), location);
        HttpResponse<String> form = get(location);
        assertEquals(200, form.statusCode(), "the platform refused the tool's login redirect: " + form.body());
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(form.body());
        while (m.find()) {
            fields.put(m.group(1), m.group(2).replace("&amp;", "&"));
        }
        return new Form(fields.get("id_token"), fields.get("state"));
    }

    HttpResponse<String> launch(Form form) throws Exception {
        return noRedirects.send(
                HttpRequest.newBuilder(URI.create(tool + "/lti/launch"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                query(Map.of("id_token", form.idToken(), "state", form.state()))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A form POST (application/x-www-form-urlencoded), redirects not followed. */
    HttpResponse<String> postForm(String url, String form) throws Exception {
        return noRedirects.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String url) throws Exception {
        return noRedirects.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String query(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** The launch the page was handed (token, student, role, ...). */
    static JsonNode handed(HttpResponse<String> page) throws Exception {
        assertEquals(200, page.statusCode(), page.body());
        Matcher m = HANDED.matcher(page.body());
        assertTrue(m.find(), "the page carries no launch: " + page.body());
        return ApiClient.JSON.readTree(m.group(1));
    }

    /** Makes the score endpoint answer 503 (down) or work again. */
    void scoresDown(boolean down) throws IOException, InterruptedException {
        post("/control/scores-down", Boolean.toString(down));
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
