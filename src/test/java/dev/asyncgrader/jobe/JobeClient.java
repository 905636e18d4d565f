package dev.asyncgrader.jobe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A client speaking to the server as Moodle CodeRunner speaks to Jobe: JSON bodies, the key in X-API-KEY. */
final class JobeClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String key;

    /** A client of {@code base} (e.g. http://127.0.0.1:PORT/jobe/index.php/restapi/), null key for none. */
    JobeClient(String base, String key) {
        this.base = base;
        this.key = key;
    }

    record Answer(int status, String body) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }

    Answer send(String method, String path, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
        if (key != null) {
            b.header("X-API-KEY", key);
        }
        if (body != null) {
            b.header("Content-Type", "application/json; charset=utf-8");
            b.method(
                    method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(r.statusCode(), r.body());
    }

    Answer run(Map<String, Object> runSpec) throws Exception {
        return send("POST", "runs", Map.of("run_spec", runSpec));
    }
}
