package dev.asyncgrader.jobe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asyncgrader.config.GraderConfig;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.grading.TestGraders;
import dev.asyncgrader.web.GraderServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Jobe API as Moodle CodeRunner uses it, against a real server compiling and running real programs. */
class JobeApiTest {
    static final String KEY = "lms-key-for-jobe-tests";

    @TempDir
    static Path data;

    static GraderServer server;
    static JobeClient jobe;

    @BeforeAll
    static void start() throws Exception {
        server = new GraderServer(
                        GraderConfig.DEFAULTS,
                        ExerciseCatalog.load(Path.of("src/test/resources/test-exercises")),
                        TestGraders.sandboxed(),
                        "test",
                        data,
                        2,
                        KEY,
                        null)
                .start(0);
        jobe = new JobeClient(base("/jobe/index.php/restapi/"), KEY);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static String base(String prefix) {
        return "http://127.0.0.1:" + server.port() + prefix;
    }

    static Map<String, Object> java(String source) {
        Map<String, Object> spec = new HashMap<>();
        spec.put("language_id", "java");
        spec.put("sourcecode", source);
        return spec;
    }

    static JsonNode ok200(JobeClient.Answer a) throws Exception {
        assertEquals(200, a.status(), a.body());
        return a.json();
    }

    @Test
    void languagesListJavaWithTheJdkVersionUnderBothPrefixesWithAndWithoutSlash() throws Exception {
        for (String path : List.of("/jobe/index.php/restapi/", "/restapi/")) {
            for (String tail : List.of("languages", "languages/")) {
                JobeClient.Answer a = new JobeClient(base(path), KEY).send("GET", tail, null);
                assertEquals(200, a.status(), path + tail);
                assertEquals(
                        "[[\"java\",\"" + Runtime.version().feature() + "\"]]",
                        a.body().strip(),
                        path + tail);
            }
        }
    }

    @Test
    void aHelloWorldWithoutSourceFileNameRunsAsItsPublicClassWithOutcome15() throws Exception {
        JsonNode r = ok200(
                new JobeClient(base("/restapi/"), KEY)
                        .send(
                                "POST",
                                "runs/",
                                Map.of(
                                        "run_spec",
                                        java(
                                                "class Helper {}\npublic class Greeter {\n  public static void main(String[] a) {"
                                                        + " System.out.println(\"Hello \" + new Helper().getClass().getName()); }\n}\n"))));
        assertEquals(15, r.get("outcome").asInt(), r.toString());
        assertEquals("Hello Helper\n", r.get("stdout").asText());
        assertEquals("", r.get("stderr").asText());
        assertEquals("", r.get("cmpinfo").asText());
        assertTrue(r.hasNonNull("run_id"));
    }

    @Test
    void aCompileErrorIsOutcome11WithJavacsDiagnostics() throws Exception {
        JsonNode r = ok200(jobe.run(java(
                "public class Broken { public static void main(String[] a) { int x = 1 System.out.println(x); } }")));
        assertEquals(11, r.get("outcome").asInt(), r.toString());
        assertTrue(r.get("cmpinfo").asText().contains("Broken.java:1:"), r.toString());
        assertTrue(r.get("cmpinfo").asText().contains("';' expected"), r.toString());
    }

    @Test
    void anUncaughtExceptionIsOutcome12WithTheStackTraceOnStderr() throws Exception {
        JsonNode r = ok200(jobe.run(java("public class Boom { public static void main(String[] a) {"
                + " System.out.println(\"before\"); throw new IllegalStateException(\"boom\"); } }")));
        assertEquals(12, r.get("outcome").asInt(), r.toString());
        assertEquals("before\n", r.get("stdout").asText());
        assertTrue(r.get("stderr").asText().contains("java.lang.IllegalStateException: boom"), r.toString());
        assertTrue(r.get("stderr").asText().contains("\n        at Boom.main("), "tabs become spaces, as Jobe: " + r);
    }

    @Test
    void anyStderrOutputIsOutcome12EvenWithExitCodeZero() throws Exception {
        JsonNode r = ok200(jobe.run(java(
                "public class Warn { public static void main(String[] a) { System.err.println(\"careful\"); } }")));
        assertEquals(12, r.get("outcome").asInt(), r.toString());
        assertEquals("careful\n", r.get("stderr").asText());
    }

    @Test
    void aNonZeroExitIsOutcome12() throws Exception {
        JsonNode r =
                ok200(jobe.run(java("public class Quit { public static void main(String[] a) { System.exit(3); } }")));
        assertEquals(12, r.get("outcome").asInt(), r.toString());
    }

    @Test
    void anEndlessLoopIsOutcome13AtTheCpuTimeLimit() throws Exception {
        Map<String, Object> spec = java(
                "public class Spin { public static void main(String[] a) {" + " long n = 0; while (true) { n++; } } }");
        spec.put("parameters", Map.of("cputime", 1));
        long start = System.nanoTime();
        JsonNode r = ok200(jobe.run(spec));
        assertEquals(13, r.get("outcome").asInt(), r.toString());
        assertTrue((System.nanoTime() - start) / 1e9 < 20, "killed near its limit, not at the default");
    }

    @Test
    void exhaustingTheHeapIsOutcome17() throws Exception {
        Map<String, Object> spec = java("import java.util.*; public class Hog { public static void main(String[] a) {"
                + " List<long[]> keep = new ArrayList<>(); while (true) { keep.add(new long[1 << 20]); } } }");
        spec.put("parameters", Map.of("memorylimit", 64));
        JsonNode r = ok200(jobe.run(spec));
        assertEquals(17, r.get("outcome").asInt(), r.toString());
    }

    @Test
    void stdinComesFromInputAndUtf8SurvivesBothWays() throws Exception {
        Map<String, Object> spec = java("import java.io.*; public class Echo { public static void main(String[] a)"
                + " throws IOException { BufferedReader in = new BufferedReader(new InputStreamReader(System.in,"
                + " java.nio.charset.StandardCharsets.UTF_8)); String line; while ((line = in.readLine()) != null)"
                + " { System.out.println(line.length() + \":\" + line); } } }");
        spec.put("input", "Un rôle délétère\nzwei\n");
        JsonNode r = ok200(jobe.run(spec));
        assertEquals(15, r.get("outcome").asInt(), r.toString());
        assertEquals("16:Un rôle délétère\n4:zwei\n", r.get("stdout").asText());
    }

    @Test
    void codeRunnerFlowMissingFileIs404ThenPutThenTheRunSucceeds() throws Exception {
        String fileId = UUID.randomUUID().toString().replace("-", "");
        String helper = "public class Shout { static String loud(String s) { return s.toUpperCase() + \"!\"; } }";
        Map<String, Object> spec = java("public class Prog { public static void main(String[] a) {"
                + " System.out.println(Shout.loud(\"été\")); } }");
        spec.put("sourcefilename", "Prog.java");
        spec.put("file_list", List.of(List.of(fileId, "Shout.java")));

        JobeClient.Answer first = jobe.run(spec);
        assertEquals(404, first.status());
        assertEquals("\"One or more of the specified files is missing/unavailable\"", first.body());
        assertEquals(404, jobe.send("HEAD", "files/" + fileId, null).status());

        JobeClient.Answer put = jobe.send(
                "PUT",
                "files/" + fileId,
                Map.of("file_contents", Base64.getEncoder().encodeToString(helper.getBytes(StandardCharsets.UTF_8))));
        assertEquals(204, put.status(), put.body());
        assertEquals(204, jobe.send("HEAD", "files/" + fileId, null).status());

        JsonNode r = ok200(jobe.run(spec));
        assertEquals(15, r.get("outcome").asInt(), r.toString());
        assertEquals("ÉTÉ!\n", r.get("stdout").asText());
    }

    @Test
    void aDataFileInTheFileListIsInTheProgramsWorkingFolder() throws Exception {
        String fileId = UUID.randomUUID().toString().replace("-", "");
        String numbers = Base64.getEncoder().encodeToString("3\n4\n5\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(
                204,
                jobe.send("PUT", "files/" + fileId, Map.of("file_contents", numbers))
                        .status());
        Map<String, Object> spec = java("import java.nio.file.*; public class Sum { public static void main(String[] a)"
                + " throws Exception { int s = 0; for (String l : Files.readAllLines(Path.of(\"numbers.txt\")))"
                + " { s += Integer.parseInt(l); } System.out.println(s); } }");
        spec.put("file_list", List.of(List.of(fileId, "numbers.txt")));
        JsonNode r = ok200(jobe.run(spec));
        assertEquals(15, r.get("outcome").asInt(), r.toString());
        assertEquals("12\n", r.get("stdout").asText());
    }

    @Test
    void errorsAreJsonStringsInJobesWordsAndInJobesOrder() throws Exception {
        Map<String, Object> noSource = new HashMap<>();
        JobeClient.Answer a = jobe.run(noSource);
        assertEquals(400, a.status());
        assertEquals("\"run_spec is missing the required attribute 'sourcecode'\"", a.body());

        Map<String, Object> unknown = java("print('hi')");
        unknown.put("language_id", "cobol-77");
        a = jobe.run(unknown);
        assertEquals(400, a.status());
        assertEquals("\"Language 'cobol-77' is not known\"", a.body());

        String absent = UUID.randomUUID().toString().replace("-", "");
        unknown.put("file_list", List.of(List.of(absent, "x.txt")));
        a = jobe.run(unknown);
        assertEquals(400, a.status(), "as Jobe: the language is checked before the files are looked up");
        assertEquals("\"Language 'cobol-77' is not known\"", a.body());

        Map<String, Object> missingFile = java("public class M { public static void main(String[] a) {} }");
        missingFile.put("file_list", List.of(List.of(absent, "x.txt")));
        a = jobe.run(missingFile);
        assertEquals(404, a.status());
        assertEquals("\"One or more of the specified files is missing/unavailable\"", a.body());

        missingFile.put("file_list", List.of(List.of("short", "x.txt")));
        a = jobe.run(missingFile);
        assertEquals(400, a.status(), "Jobe's file ids are alphanumeric, at least 8 characters");
        assertTrue(a.body().startsWith("\"Invalid file specifier: "), a.body());

        a = jobe.send("POST", "runs", Map.of("something", "else"));
        assertEquals(400, a.status());
        assertEquals("\"No run_spec attribute found in post data\"", a.body());

        Map<String, Object> greedy = java("public class G { public static void main(String[] a) {} }");
        greedy.put("parameters", Map.of("cputime", JobeRoutes.MAX_CPUTIME + 1));
        a = jobe.run(greedy);
        assertEquals(400, a.status());
        assertEquals("\"cputime exceeds maximum allowed on this Jobe server (50 secs)\"", a.body());
    }

    @Test
    void aMissingOrUnknownApiKeyIs403() throws Exception {
        for (String key : new String[] {null, "not-a-key"}) {
            JobeClient stranger = new JobeClient(base("/jobe/index.php/restapi/"), key);
            JobeClient.Answer a = stranger.run(java("public class H { public static void main(String[] a) {} }"));
            assertEquals(403, a.status());
            assertTrue(a.json().isTextual(), a.body());
            assertEquals(403, stranger.send("GET", "languages", null).status());
            assertEquals(
                    403,
                    stranger.send("PUT", "files/x", Map.of("file_contents", "")).status());
        }
    }

    @Test
    void theMainClassIsThePublicClassDeclaringMain() {
        assertEquals(
                "App",
                JobeRoutes.mainClassOf("public final class Util { }\npublic class App {"
                        + " public static void main(String[] args) {} }"));
        assertEquals("Only", JobeRoutes.mainClassOf("public class Only { }"));
    }
}
