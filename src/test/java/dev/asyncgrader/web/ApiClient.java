package dev.asyncgrader.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small HTTP client for the grader's API in tests, on loopback only. */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();
    final String base;
    final String token;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiClient(int port, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    ApiClient as(String otherToken) {
        return new ApiClient(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), otherToken);
    }

    record Response(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    Response get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    Response post(String path, String json, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    Response postBytes(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return send(request(path)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    Response send(HttpRequest r) throws IOException, InterruptedException {
        HttpResponse<String> res = http.send(r, HttpResponse.BodyHandlers.ofString());
        return new Response(res.statusCode(), res.body(), res);
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Submits {@code files} and returns the new submission's id. */
    String submit(String exercise, String student, Map<String, String> files) throws IOException, InterruptedException {
        Response r =
                post("/api/v1/submissions", json(Map.of("exerciseId", exercise, "student", student, "files", files)));
        if (r.status() != 202) {
            throw new AssertionError("submit: " + r.status() + " " + r.body());
        }
        return r.json().get("id").asText();
    }

    /** Polls until the submission is done and returns it. */
    JsonNode awaitDone(String path, Duration limit) throws IOException, InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            Response r = get(path);
            if (r.status() == 200 && r.json().path("status").asText().equals("done")) {
                return r.json();
            }
            Thread.sleep(200);
        }
        throw new AssertionError(path + " not done within " + limit);
    }
}
