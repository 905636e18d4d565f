package dev.asyncgrader.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.asyncgrader.config.GraderConfig;
import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.grading.TestGraders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST API against a real server on loopback, grading real submissions of the test exercise. */
class ApiTest {
    static final String KEY = "lms-key-for-tests";
    static final String SECRET = "webhook-secret";
    static final String EXERCISE = "hello-wait";

    @TempDir
    static Path data;

    static GraderServer server;
    static ApiClient lms;
    static Exercise exercise;

    @BeforeAll
    static void start() throws Exception {
        ExerciseCatalog catalog = ExerciseCatalog.load(Path.of("src/test/resources/test-exercises"));
        exercise = catalog.get(EXERCISE);
        server = new GraderServer(
                        GraderConfig.DEFAULTS.withStudentSessions(true),
                        catalog,
                        TestGraders.sandboxed(),
                        "test",
                        data,
                        2,
                        KEY,
                        SECRET)
                .start(0);
        lms = new ApiClient(server.port(), KEY);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static String solution() {
        return exercise.solution().get("Main.java");
    }

    static String studentToken(String student) throws Exception {
        ApiClient.Response r = lms.as(null).post("/api/v1/session", ApiClient.json(Map.of("student", student)));
        assertEquals(201, r.status(), r.body());
        return r.json().get("token").asText();
    }

    @Test
    void exerciseDetail_showsPromptAndStarter_neverSolutionOrHiddenArguments() throws Exception {
        ApiClient.Response list = lms.as(null).get("/api/v1/exercises");
        assertEquals(200, list.status());
        assertEquals(EXERCISE, list.json().get(0).get("id").asText());
        ApiClient.Response detail = lms.as(null).get("/api/v1/exercises/" + EXERCISE);
        assertEquals(200, detail.status());
        JsonNode d = detail.json();
        assertTrue(d.get("promptHtml").asText().contains("<code>hello</code>"), d.toString());
        assertTrue(d.get("starterFiles").get("Main.java").asText().contains("// TODO: write your code here"));
        assertFalse(detail.body().contains("Thread.sleep(Long.parseLong"), "the solution leaked");
        assertFalse(detail.body().contains("1500"), "a hidden run's argument leaked");
        assertEquals(1, d.get("hiddenRuns").asInt());
        assertEquals(404, lms.get("/api/v1/exercises/nope").status());
    }

    @Test
    void submitAsLms_gradedInBackground_sameResultAsBatch() throws Exception {
        String id = lms.submit(EXERCISE, "alice", Map.of("Main.java", solution()));
        JsonNode s = lms.awaitDone("/api/v1/submissions/" + id, Duration.ofSeconds(60));
        JsonNode result = s.get("result");
        assertEquals("graded", result.get("status").asText());
        assertEquals(result.get("maxScore").asDouble(), result.get("score").asDouble(), result.toString());
        for (String field : List.of("score", "maxScore", "checks", "runs", "feedback", "status")) {
            assertTrue(result.has(field), field);
        }
        assertEquals("1500", result.get("runs").get(1).get("args").get(0).asText(), "an LMS sees hidden runs in full");
        assertSameVerdict(batchResult("alice", Map.of("Main.java", solution())), result);
    }

    @Test
    void studentSession_seesOnlyOwnWork_andHiddenRunsRedacted() throws Exception {
        ApiClient bob = lms.as(studentToken("bob"));
        ApiClient carol = lms.as(studentToken("carol"));
        ApiClient.Response r = bob.post(
                "/api/v1/submissions",
                ApiClient.json(Map.of("exerciseId", EXERCISE, "files", Map.of("Main.java", solution()))));
        assertEquals(202, r.status(), r.body());
        String id = r.json().get("id").asText();
        JsonNode done = bob.awaitDone("/api/v1/submissions/" + id, Duration.ofSeconds(60));
        assertEquals("bob", done.get("student").asText());
        JsonNode hidden = done.get("result").get("runs").get(1);
        assertTrue(hidden.get("hidden").asBoolean());
        assertEquals(0, hidden.get("args").size(), "hidden arguments shown to a student");
        assertEquals(0, hidden.get("lines").size(), "hidden run output shown to a student");

        assertEquals(403, carol.get("/api/v1/submissions/" + id).status());
        assertEquals(403, carol.get("/api/v1/submissions?student=bob").status());
        assertEquals(
                403,
                bob.post(
                                "/api/v1/submissions",
                                ApiClient.json(Map.of(
                                        "exerciseId",
                                        EXERCISE,
                                        "student",
                                        "carol",
                                        "files",
                                        Map.of("Main.java", solution()))))
                        .status());
        JsonNode history = bob.get("/api/v1/submissions?exercise=" + EXERCISE).json();
        assertTrue(history.size() >= 1);
        history.forEach(h -> assertEquals("bob", h.get("student").asText()));
    }

    @Test
    void missingOrWrongKey_is401() throws Exception {
        ApiClient.Response none = lms.as(null).post("/api/v1/submissions", "{}");
        assertEquals(401, none.status());
        assertTrue(none.json().get("message").asText().contains("Authorization: Bearer"));
        assertEquals(401, lms.as("wrong").get("/api/v1/submissions").status());
    }

    @Test
    void badInputs_getClear4xxNever500() throws Exception {
        assertBad(lms.post("/api/v1/submissions", "{not json"), 400, "not valid JSON");
        assertBad(lms.post("/api/v1/submissions", "[]"), 400, "expected shape");
        assertBad(
                lms.post(
                        "/api/v1/submissions",
                        ApiClient.json(
                                Map.of("exerciseId", "nope", "student", "a", "files", Map.of("Main.java", "x")))),
                404,
                "No exercise 'nope'");
        assertBad(
                lms.post(
                        "/api/v1/submissions",
                        ApiClient.json(Map.of("exerciseId", EXERCISE, "student", "a", "files", Map.of()))),
                400,
                "'files' is missing or empty");
        assertBad(
                lms.post(
                        "/api/v1/submissions",
                        ApiClient.json(
                                Map.of("exerciseId", EXERCISE, "student", "a", "files", Map.of("Main.java", "")))),
                400,
                "Main.java is empty");
        assertBad(
                lms.post(
                        "/api/v1/submissions",
                        ApiClient.json(Map.of(
                                "exerciseId",
                                EXERCISE,
                                "student",
                                "a",
                                "files",
                                Map.of("Main.java", "x".repeat(65 * 1024))))),
                413,
                "larger than 64 KB");
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 21; i++) {
            many.put("C" + i + ".java", "class C" + i + " {}");
        }
        assertBad(
                lms.post(
                        "/api/v1/submissions",
                        ApiClient.json(Map.of("exerciseId", EXERCISE, "student", "a", "files", many))),
                400,
                "Too many files");
        assertBad(
                lms.post(
                        "/api/v1/submissions",
                        ApiClient.json(Map.of(
                                "exerciseId",
                                EXERCISE,
                                "student",
                                "a",
                                "files",
                                Map.of("../Main.java", "class Main {}")))),
                400,
                "not a Java source file name");
        assertBad(
                lms.post(
                        "/api/v1/submissions",
                        ApiClient.json(Map.of("exerciseId", EXERCISE, "student", "a", "fils", Map.of()))),
                400,
                "Unknown field 'fils'");
        assertBad(
                lms.post(
                        "/api/v1/submissions",
                        ApiClient.json(Map.of(
                                "exerciseId", EXERCISE, "student", "a b", "files", Map.of("Main.java", solution())))),
                400,
                "'student' must be");
        assertBad(lms.get("/api/v1/submissions/does-not-exist"), 404, "No submission");
        assertBad(lms.get("/api/v1/nothing-here"), 404, "No such route");
    }

    @Test
    void zipUploads_pathsLinksAndBombsRejected_plainZipAccepted() throws Exception {
        assertBad(multipart(zip(Map.of("../Main.java", solution()))), 400, "'..' path");
        assertBad(multipart(zip(Map.of("/etc/Main.java", solution()))), 400, "absolute");
        assertBad(multipart(zipWithLink()), 400, "link");
        byte[] bomb = zip(Map.of("Main.java", "class Main {}\n" + "/*" + " ".repeat(5 * 1024 * 1024) + "*/"));
        assertTrue(bomb.length < 512 * 1024, "the bomb should be small: " + bomb.length);
        assertBad(multipart(bomb), 413, "unpacks to more than");
        assertBad(multipart("not a zip".getBytes(StandardCharsets.UTF_8)), 400, "not a valid zip");
        ApiClient.Response ok = multipart(zip(Map.of("src/Main.java", solution())));
        assertEquals(202, ok.status(), ok.body());
        JsonNode done =
                lms.awaitDone("/api/v1/submissions/" + ok.json().get("id").asText(), Duration.ofSeconds(60));
        assertEquals("graded", done.get("result").get("status").asText());
    }

    @Test
    void multipartJavaFiles_areAccepted() throws Exception {
        String boundary = "b0undary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"exerciseId\"\r\n\r\n" + EXERCISE
                + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"student\"\r\n\r\ndave\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"Main.java\"\r\n"
                + "Content-Type: text/x-java\r\n\r\n" + solution() + "\r\n--" + boundary + "--\r\n";
        ApiClient.Response r = lms.postBytes(
                "/api/v1/submissions",
                "multipart/form-data; boundary=" + boundary,
                body.getBytes(StandardCharsets.UTF_8));
        assertEquals(202, r.status(), r.body());
    }

    @Test
    void idempotencyKey_returnsTheSameSubmission() throws Exception {
        String body = ApiClient.json(
                Map.of("exerciseId", EXERCISE, "student", "erin", "files", Map.of("Main.java", solution())));
        String first = lms.post("/api/v1/submissions", body, "Idempotency-Key", "erin-1")
                .json()
                .get("id")
                .asText();
        String second = lms.post("/api/v1/submissions", body, "Idempotency-Key", "erin-1")
                .json()
                .get("id")
                .asText();
        assertEquals(first, second);
    }

    @Test
    void webhook_signedWithHmac_retriedAfterFailure() throws Exception {
        HttpServer lmsServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger calls = new AtomicInteger();
        List<String> signatures = new CopyOnWriteArrayList<>();
        List<String> bodies = new CopyOnWriteArrayList<>();
        lmsServer.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            signatures.add(exchange.getRequestHeaders().getFirst(Webhooks.SIGNATURE_HEADER));
            exchange.sendResponseHeaders(calls.incrementAndGet() == 1 ? 500 : 204, -1);
            exchange.close();
        });
        lmsServer.start();
        try {
            String url = "http://127.0.0.1:" + lmsServer.getAddress().getPort() + "/hook";
            ApiClient.Response r = lms.post(
                    "/api/v1/submissions",
                    ApiClient.json(Map.of(
                            "exerciseId",
                            EXERCISE,
                            "student",
                            "frank",
                            "files",
                            Map.of("Main.java", solution()),
                            "callbackUrl",
                            url)));
            assertEquals(202, r.status(), r.body());
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (calls.get() < 2 && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            assertEquals(2, calls.get(), "one failed delivery, then one retry");
            assertEquals("sha256=" + hmacSha256ByPython(SECRET, bodies.get(1)), signatures.get(1));
            assertEquals(signatures.get(0), signatures.get(1), "the retry carries the same signed body");
            assertTrue(bodies.get(1).contains("\"student\":\"frank\""));
        } finally {
            lmsServer.stop(0);
        }
    }

    @Test
    void events_streamStatusLinesChecksAndResultInOrder() throws Exception {
        String id = lms.submit(EXERCISE, "grace", Map.of("Main.java", solution()));
        HttpResponse<java.util.stream.Stream<String>> res = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        lms.base + "/api/v1/submissions/" + id + "/events?access_token=" + KEY))
                                .header("Accept", "text/event-stream")
                                .timeout(Duration.ofSeconds(60))
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        List<String> names = new ArrayList<>();
        res.body().filter(l -> l.startsWith("event: ")).forEach(l -> names.add(l.substring(7)));
        assertEquals("status", names.getFirst());
        assertTrue(names.indexOf("stream") > names.indexOf("status"), names.toString());
        assertTrue(names.indexOf("check") > names.lastIndexOf("stream"), names.toString());
        assertEquals("result", names.get(names.size() - 2), names.toString());
        assertEquals("status", names.getLast(), names.toString());
    }

    /** Prints and throws its arguments: whatever it prints on the hidden run quotes the hidden argument 1500. */
    static final String ARGS_THROWER = """
            public class Main {
                public static void main(String[] args) {
                    System.out.println("hello");
                    System.err.println("my args were " + String.join(" ", args));
                    if (!args[0].equals("500")) {
                        throw new IllegalStateException("my args were " + String.join(" ", args));
                    }
                    System.out.println("bye after " + args[0] + " ms");
                }
            }
            """;

    @Test
    void studentSeesNoHiddenArgument_inRestOrEvents_whileTheLmsDoes() throws Exception {
        String ivan = studentToken("ivan");
        ApiClient student = lms.as(ivan);
        ApiClient.Response r = student.post(
                "/api/v1/submissions",
                ApiClient.json(Map.of("exerciseId", EXERCISE, "files", Map.of("Main.java", ARGS_THROWER))));
        assertEquals(202, r.status(), r.body());
        String id = r.json().get("id").asText();
        List<String> events = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        lms.base + "/api/v1/submissions/" + id + "/events?access_token=" + ivan))
                                .header("Accept", "text/event-stream")
                                .timeout(Duration.ofSeconds(60))
                                .build(),
                        HttpResponse.BodyHandlers.ofLines())
                .body()
                .toList();
        assertTrue(events.contains("event: result"), events.toString());
        assertTrue(events.contains("event: check"), events.toString());
        JsonNode studentView = student.awaitDone("/api/v1/submissions/" + id, Duration.ofSeconds(60));
        JsonNode lmsView = lms.awaitDone("/api/v1/submissions/" + id, Duration.ofSeconds(60));
        assertTrue(lmsView.toString().contains("my args were 1500"), "the LMS sees the hidden run's stderr");
        assertFalse(studentView.toString().contains("1500"), studentView.toString());
        assertFalse(String.join("\n", events).contains("1500"), events.toString());
        JsonNode hiddenCheck = studentView.get("result").get("checks").get(0);
        assertEquals("failed", hiddenCheck.get("outcome").asText(), hiddenCheck.toString());
        assertTrue(hiddenCheck.get("feedback").asText().contains("hidden run"), hiddenCheck.toString());
    }

    @Test
    void events_ofAnotherStudentsSubmission_areRefusedWithAFailureEvent() throws Exception {
        String id = lms.submit(EXERCISE, "judy", Map.of("Main.java", solution()));
        String mallory = studentToken("mallory");
        HttpResponse<java.util.stream.Stream<String>> res = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        lms.base + "/api/v1/submissions/" + id + "/events?access_token=" + mallory))
                                .header("Accept", "text/event-stream")
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        List<String> lines = res.body().toList();
        assertTrue(lines.contains("event: failure"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("belongs to another student")), lines.toString());
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("event: stream")), lines.toString());
    }

    @Test
    void scratchRun_runsExampleOnly_keepsNoScore() throws Exception {
        ApiClient.Response r = lms.post(
                "/api/v1/runs",
                ApiClient.json(
                        Map.of("exerciseId", EXERCISE, "student", "heidi", "files", Map.of("Main.java", solution()))));
        assertEquals(202, r.status(), r.body());
        JsonNode done = lms.awaitDone("/api/v1/runs/" + r.json().get("id").asText(), Duration.ofSeconds(60));
        assertEquals(1, done.get("result").get("runs").size(), "only the example run");
        JsonNode history = lms.get("/api/v1/submissions?student=heidi").json();
        assertEquals(0, history.size(), "a scratch run is not a graded submission");
    }

    @Test
    void history_isPaged_byCursor_newestFirst_withoutRepeatsOrGaps() throws Exception {
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // A compile error: graded at once, and a graded submission like any other.
            String id = lms.submit(EXERCISE, "kim", Map.of("Main.java", "class Main { broken " + i + " }"));
            lms.awaitDone("/api/v1/submissions/" + id, Duration.ofSeconds(60));
            submitted.add(id);
        }
        ApiClient.Response first = lms.get("/api/v1/submissions?student=kim&limit=2");
        assertEquals(200, first.status(), first.body());
        assertEquals(2, first.json().size());
        String link = first.raw().headers().firstValue("Link").orElseThrow();
        String cursor = first.raw().headers().firstValue("Next-Cursor").orElseThrow();
        assertTrue(link.startsWith("</api/v1/submissions?cursor=") && link.endsWith(">; rel=\"next\""), link);
        ApiClient.Response second = lms.get(link.substring(1, link.indexOf('>')));
        assertEquals(200, second.status(), second.body());
        assertEquals(1, second.json().size(), "the rest, kim's only");
        assertTrue(second.raw().headers().firstValue("Link").isEmpty(), "the last page links nowhere");
        List<String> seen = new ArrayList<>();
        first.json().forEach(n -> seen.add(n.get("id").asText()));
        second.json().forEach(n -> seen.add(n.get("id").asText()));
        assertEquals(submitted.reversed(), seen, "newest first, each once");
        assertTrue(link.contains("cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), link);
        assertBad(lms.get("/api/v1/submissions?limit=0"), 400, "'limit'");
        assertBad(lms.get("/api/v1/submissions?cursor=nonsense"), 400, "'cursor'");
    }

    @Test
    void healthAndMetrics() throws Exception {
        ApiClient.Response health = lms.as(null).get("/health");
        assertEquals("ok", health.json().get("status").asText());
        lms.awaitDone(
                "/api/v1/submissions/" + lms.submit(EXERCISE, "ivan", Map.of("Main.java", solution())),
                Duration.ofSeconds(60));
        String metrics = lms.as(null).get("/metrics").body();
        assertTrue(metrics.contains("grader_queue_length"), metrics);
        assertTrue(metrics.contains("grader_gradings_total{status=\"graded\"}"), metrics);
        assertTrue(metrics.contains("grader_grading_duration_seconds_count"), metrics);
    }

    private static void assertBad(ApiClient.Response r, int status, String messagePart) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.json().get("message").asText().contains(messagePart), r.body());
    }

    private static ApiClient.Response multipart(byte[] zip) throws Exception {
        String boundary = "zipb0undary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"exerciseId\"\r\n\r\n" + EXERCISE
                        + "\r\n"
                        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"student\"\r\n\r\nzoe\r\n"
                        + "--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"work.zip\"\r\n"
                        + "Content-Type: application/zip\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(zip);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return lms.postBytes("/api/v1/submissions", "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    private static byte[] zip(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static byte[] zipWithLink() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(out)) {
            ZipArchiveEntry link = new ZipArchiveEntry("Main.java");
            link.setUnixMode(0120777);
            z.putArchiveEntry(link);
            z.write("/etc/passwd".getBytes(StandardCharsets.UTF_8));
            z.closeArchiveEntry();
        }
        return out.toByteArray();
    }

    /** The batch command's result for {@code files}: what `grade` writes for this student, from the same exercise. */
    private static JsonNode batchResult(String student, Map<String, String> files) throws Exception {
        Path subs = Files.createTempDirectory(data, "batch-");
        Files.createDirectories(subs.resolve(student));
        for (var f : files.entrySet()) {
            Files.writeString(subs.resolve(student).resolve(f.getKey()), f.getValue());
        }
        Path out = subs.resolve("results.json");
        int code = dev.asyncgrader.cli.GraderCli.commandLine()
                .execute(
                        "grade",
                        "--exercises",
                        "src/test/resources/test-exercises",
                        "--exercise",
                        EXERCISE,
                        "--submissions",
                        subs.toString(),
                        "--out",
                        out.toString());
        assertEquals(0, code, "batch grading failed");
        JsonNode results = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toFile());
        for (JsonNode s : results.get("submissions")) {
            if (s.get("student").asText().equals(student)) {
                return s;
            }
        }
        throw new AssertionError("no batch result for " + student + ": " + results);
    }

    /** Same verdict: status, score, and every check's name, outcome and points (times naturally differ). */
    private static void assertSameVerdict(JsonNode batch, JsonNode api) {
        assertEquals(batch.get("status").asText(), api.get("status").asText());
        assertEquals(batch.get("score").asDouble(), api.get("score").asDouble());
        assertEquals(batch.get("maxScore").asDouble(), api.get("maxScore").asDouble());
        assertEquals(batch.get("checks").size(), api.get("checks").size());
        for (int i = 0; i < batch.get("checks").size(); i++) {
            JsonNode b = batch.get("checks").get(i);
            JsonNode a = api.get("checks").get(i);
            for (String field : List.of("name", "passed", "points", "maxPoints")) {
                assertEquals(b.get(field).asText(), a.get(field).asText(), "check " + i + " " + field);
            }
        }
        assertEquals(batch.get("runs").size(), api.get("runs").size());
    }

    /** HMAC-SHA256 of {@code body} computed by Python's hmac module, independently of the grader's Webhooks. */
    private static String hmacSha256ByPython(String secret, String body) throws Exception {
        Process p = new ProcessBuilder(
                        "/usr/bin/python3",
                        "-c",
                        "import hmac, hashlib, sys; print(hmac.new(sys.argv[1].encode(), sys.stdin.buffer.read(),"
                                + " hashlib.sha256).hexdigest())",
                        secret)
                .redirectErrorStream(true)
                .start();
        try (var in = p.getOutputStream()) {
            in.write(body.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
