package dev.asyncgrader.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asyncgrader.config.GraderConfig;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.grading.TestGraders;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LTI 1.3 launches from the independent platform simulator (Python, PyJWT) into a real server: accepted
 * launches open the right person's session; every forged or replayed launch is refused with a page saying
 * why, and leaves no person or session behind.
 */
class LtiLaunchTest {
    static final String EXERCISE = "hello-wait";
    static final String LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
    static final String INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";

    @TempDir
    static Path data;

    static LtiPlatformSimulator platform;
    static GraderServer server;
    static String tool;

    @BeforeAll
    static void start() throws Exception {
        platform = new LtiPlatformSimulator();
        server = new GraderServer(
                        GraderConfig.DEFAULTS.withLti(platform.registration()),
                        ExerciseCatalog.load(Path.of("src/test/resources/test-exercises")),
                        TestGraders.sandboxed(),
                        "test",
                        data,
                        2,
                        "lms-key",
                        null)
                .start(0);
        tool = "http://127.0.0.1:" + server.port();
        platform.tool(tool);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        platform.close();
    }

    static LtiPlatformSimulator.Form login(String user, List<String> roles, String tamper) throws Exception {
        return platform.login(user, roles, tamper == null ? Map.of() : Map.of("tamper", tamper));
    }

    static LtiPlatformSimulator.Form login(String user, List<String> roles, Map<String, Object> extra)
            throws Exception {
        return platform.login(user, roles, extra);
    }

    static HttpResponse<String> launch(LtiPlatformSimulator.Form form) throws Exception {
        return platform.launch(form);
    }

    static HttpResponse<String> get(String url) throws Exception {
        return platform.get(url);
    }

    static String query(Map<String, String> params) {
        return LtiPlatformSimulator.query(params);
    }

    static JsonNode handed(HttpResponse<String> page) throws Exception {
        return LtiPlatformSimulator.handed(page);
    }

    /** Rows about {@code sub} in the store: people launched and sessions opened for them. */
    static int storedAbout(String sub) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("grader.db"));
                PreparedStatement people = c.prepareStatement("SELECT COUNT(*) FROM lti_people WHERE sub = ?");
                PreparedStatement sessions =
                        c.prepareStatement("SELECT COUNT(*) FROM student_sessions WHERE student LIKE ?")) {
            people.setString(1, sub);
            sessions.setString(1, sub + "@%");
            int n = 0;
            try (ResultSet r = people.executeQuery()) {
                r.next();
                n += r.getInt(1);
            }
            try (ResultSet r = sessions.executeQuery()) {
                r.next();
                n += r.getInt(1);
            }
            return n;
        }
    }

    @Test
    void toolPublishesTwoRs256KeysForRotation() throws Exception {
        JsonNode jwks = ApiClient.JSON.readTree(get(tool + "/lti/jwks").body());
        assertEquals(2, jwks.get("keys").size(), jwks.toString());
        for (JsonNode k : jwks.get("keys")) {
            assertEquals("RSA", k.get("kty").asText());
            assertEquals("RS256", k.get("alg").asText());
            assertTrue(k.has("kid") && !k.has("d"), "a public key with an id, never the private part: " + k);
        }
    }

    @Test
    void learnerLaunch_opensTheExerciseWithAStudentSession_thatSeesOnlyItsOwnWork() throws Exception {
        JsonNode ada = handed(launch(login("ada", List.of(LEARNER), (String) null)));
        assertEquals("student", ada.get("role").asText());
        assertEquals("ada@" + LtiPlatformSimulator.PLATFORM, ada.get("student").asText());
        assertEquals("Name of ada", ada.get("name").asText());
        assertEquals(EXERCISE, ada.get("exercise").asText());
        ApiClient asAda = new ApiClient(server.port(), ada.get("token").asText());
        String solution = ExerciseCatalog.load(Path.of("src/test/resources/test-exercises"))
                .get(EXERCISE)
                .solution()
                .get("Main.java");
        ApiClient.Response submitted = asAda.post(
                "/api/v1/submissions",
                ApiClient.json(Map.of("exerciseId", EXERCISE, "files", Map.of("Main.java", solution))));
        assertEquals(202, submitted.status(), submitted.body());
        String id = submitted.json().get("id").asText();

        JsonNode ben = handed(launch(login("ben", List.of(LEARNER), (String) null)));
        ApiClient asBen = new ApiClient(server.port(), ben.get("token").asText());
        assertEquals(403, asBen.get("/api/v1/submissions/" + id).status());
        assertEquals(
                403,
                asBen.get("/api/v1/submissions?student=" + URLEncoder.encode("ada@testlms", StandardCharsets.UTF_8))
                        .status());
        assertEquals(0, asBen.get("/api/v1/submissions").json().size(), "Ben's own list is empty");
        ApiClient.Response asAdaByBen = asBen.post(
                "/api/v1/submissions",
                ApiClient.json(Map.of(
                        "exerciseId", EXERCISE, "student", "ada@testlms", "files", Map.of("Main.java", solution))));
        assertEquals(403, asAdaByBen.status(), "Ben cannot submit as Ada");
        JsonNode done = asAda.awaitDone("/api/v1/submissions/" + id, Duration.ofMinutes(2));
        assertEquals("graded", done.get("result").get("status").asText(), done.toString());
    }

    @Test
    void instructorLaunch_opensTheInstructorViewWithAnInstructorSession() throws Exception {
        HttpResponse<String> page = launch(login("prof", List.of(INSTRUCTOR), (String) null));
        JsonNode prof = handed(page);
        assertEquals("instructor", prof.get("role").asText());
        assertTrue(prof.get("student").isNull(), prof.toString());
        assertTrue(page.body().contains("history.replaceState(null, '', \"/?view=instructor"), page.body());
        ApiClient asProf = new ApiClient(server.port(), prof.get("token").asText());
        assertEquals(200, asProf.get("/api/v1/submissions?student=ada@testlms").status());
    }

    @Test
    void audienceAsAnArrayWithAzp_isAccepted() throws Exception {
        assertEquals(
                "student",
                handed(launch(login("cy", List.of(LEARNER), "array-aud")))
                        .get("role")
                        .asText());
    }

    @Test
    void forgedLaunches_areRefusedWithAClearPage_andNothingStored() throws Exception {
        Map<String, String> expected = Map.of(
                "bad-signature", "bad signature",
                "wrong-aud", "audience",
                "expired", "expired token",
                "unknown-deployment", "unknown deployment",
                "unknown-issuer", "unknown issuer",
                "wrong-nonce", "nonce");
        for (var e : expected.entrySet()) {
            String user = "forger-" + e.getKey();
            HttpResponse<String> page = launch(login(user, List.of(LEARNER), e.getKey()));
            assertEquals(400, page.statusCode(), e.getKey() + ": " + page.body());
            assertTrue(page.body().contains("This launch was refused"), page.body());
            assertTrue(
                    page.body().contains(e.getValue()),
                    e.getKey() + " should say '" + e.getValue() + "': " + page.body());
            assertEquals(0, storedAbout(user), e.getKey() + " stored something about " + user);
        }
    }

    @Test
    void replayedLaunch_andStateMismatch_areRefused() throws Exception {
        LtiPlatformSimulator.Form form = login("dora", List.of(LEARNER), (String) null);
        HttpResponse<String> forged = launch(new LtiPlatformSimulator.Form(form.idToken(), "0".repeat(48)));
        assertEquals(400, forged.statusCode());
        assertTrue(forged.body().contains("state mismatch"), forged.body());
        assertEquals(0, storedAbout("dora"));

        assertEquals("student", handed(launch(form)).get("role").asText());
        HttpResponse<String> replay = launch(form);
        assertEquals(400, replay.statusCode());
        assertTrue(replay.body().contains("already used"), replay.body());
    }

    @Test
    void loginFromAnUnknownPlatform_isRefused() throws Exception {
        HttpResponse<String> r = get(tool + "/lti/login?"
                + query(Map.of(
                        "iss", "https://unknown.example.test",
                        "login_hint", "x",
                        "target_link_uri", tool + "/lti/launch")));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("unknown issuer"), r.body());
    }

    /** Submits the reference solution as a launched learner; returns the graded result. */
    static JsonNode submitAs(JsonNode launched) throws Exception {
        ApiClient as = new ApiClient(server.port(), launched.get("token").asText());
        String solution = ExerciseCatalog.load(Path.of("src/test/resources/test-exercises"))
                .get(EXERCISE)
                .solution()
                .get("Main.java");
        ApiClient.Response r = as.post(
                "/api/v1/submissions",
                ApiClient.json(Map.of("exerciseId", EXERCISE, "files", Map.of("Main.java", solution))));
        assertEquals(202, r.status(), r.body());
        return as.awaitDone("/api/v1/submissions/" + r.json().get("id").asText(), Duration.ofMinutes(2))
                .get("result");
    }

    /** The scores the platform accepted for {@code userId}, waiting up to 30 s for {@code count} of them. */
    static List<JsonNode> scoresFor(String userId, int count) throws Exception {
        return scoresFor(platform, userId, count);
    }

    static List<JsonNode> scoresFor(LtiPlatformSimulator platform, String userId, int count) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<JsonNode> scores;
        do {
            scores = new java.util.ArrayList<>();
            for (JsonNode e : ApiClient.JSON.readTree(platform.log())) {
                if (e.get("event").asText().equals("score")
                        && e.get("userId").asText().equals(userId)) {
                    scores.add(e);
                }
            }
            if (scores.size() >= count) {
                return scores;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < end);
        return scores;
    }

    @Test
    void gradedSubmission_postsTheScoreToTheLaunchLineItem_forThatUser() throws Exception {
        JsonNode result = submitAs(handed(launch(login("eve", List.of(LEARNER), (String) null))));
        List<JsonNode> scores = scoresFor("eve", 1);
        assertEquals(1, scores.size(), platform.log());
        JsonNode score = scores.getFirst();
        assertEquals(result.get("score").asDouble(), score.get("scoreGiven").asDouble(), score.toString());
        assertEquals(
                result.get("maxScore").asDouble(), score.get("scoreMaximum").asDouble());
        assertTrue(score.get("lineitem").asText().endsWith("/lineitem?type_id=1"), score.toString());
        assertTrue(score.get("comment").asText().contains("points"), score.toString());
    }

    @Test
    void launchWithoutALineItem_findsOrMakesOneInTheCourse_andPostsThere() throws Exception {
        JsonNode result = submitAs(handed(
                launch(login("fay", List.of(LEARNER), Map.of("no-lineitem", true, "link", "link-made-by-tool")))));
        List<JsonNode> scores = scoresFor("fay", 1);
        assertEquals(1, scores.size(), platform.log());
        assertEquals(
                result.get("score").asDouble(),
                scores.getFirst().get("scoreGiven").asDouble());
        assertTrue(platform.log().contains("\"lineitem-made\""), platform.log());
    }

    @Test
    void deepLinking_instructorPicksAnExercise_platformReceivesASignedResourceLinkWithItsLineItem() throws Exception {
        HttpResponse<String> picker = launch(login("pia", List.of(INSTRUCTOR), Map.of("deep-link", true)));
        assertEquals(200, picker.statusCode(), picker.body());
        Matcher request =
                Pattern.compile("name=\"request\" value=\"([0-9a-f]+)\"").matcher(picker.body());
        assertTrue(request.find(), picker.body());
        HttpResponse<String> chosen = platform.postForm(
                tool + "/lti/deep-link", query(Map.of("request", request.group(1), "exercise", EXERCISE)));
        assertEquals(200, chosen.statusCode(), chosen.body());
        Matcher form = Pattern.compile("action=\"([^\"]+)\"><input type=\"hidden\" name=\"JWT\" value=\"([^\"]+)\"")
                .matcher(chosen.body());
        assertTrue(form.find(), chosen.body());
        HttpResponse<String> added =
                platform.postForm(form.group(1).replace("&amp;", "&"), query(Map.of("JWT", form.group(2))));
        assertEquals(200, added.statusCode(), "the platform refused the tool's deep linking response: " + added.body());
        JsonNode item = null;
        for (JsonNode e : ApiClient.JSON.readTree(platform.log())) {
            if (e.get("event").asText().equals("deep-link")) {
                item = e.get("items").get(0);
            }
        }
        assertTrue(item != null, platform.log());
        var exercise = ExerciseCatalog.load(Path.of("src/test/resources/test-exercises"))
                .get(EXERCISE);
        assertEquals(EXERCISE, item.get("custom").get("exercise").asText(), item.toString());
        assertEquals(
                exercise.maxPoints(), item.get("lineItem").get("scoreMaximum").asDouble(), item.toString());
        assertEquals(exercise.title(), item.get("lineItem").get("label").asText(), item.toString());
        assertEquals(tool + "/lti/launch", item.get("url").asText());
        HttpResponse<String> again = platform.postForm(
                tool + "/lti/deep-link", query(Map.of("request", request.group(1), "exercise", EXERCISE)));
        assertEquals(400, again.statusCode(), "a picker choice is used once");
    }

    @Test
    void deepLinkingByALearner_isRefused() throws Exception {
        HttpResponse<String> page = launch(login("lea", List.of(LEARNER), Map.of("deep-link", true)));
        assertEquals(400, page.statusCode(), page.body());
        assertTrue(page.body().contains("Only an instructor"), page.body());
    }

    @Test
    void signInLink_mintedByAnLmsKey_opensThatStudentsSession_untilRevoked() throws Exception {
        ApiClient lms = new ApiClient(server.port(), "lms-key");
        ApiClient.Response minted =
                lms.post("/api/v1/sign-in-links", ApiClient.json(Map.of("student", "quinn", "days", 3)));
        assertEquals(201, minted.status(), minted.body());
        String url = minted.json().get("url").asText();
        assertTrue(url.startsWith(tool + "/signin/sl_"), url);
        JsonNode quinn = handed(get(url));
        assertEquals("quinn", quinn.get("student").asText());
        ApiClient asQuinn = new ApiClient(server.port(), quinn.get("token").asText());
        assertEquals(200, asQuinn.get("/api/v1/submissions").status());
        assertEquals(403, asQuinn.get("/api/v1/submissions?student=ada@testlms").status());
        assertEquals(
                403,
                asQuinn.post("/api/v1/sign-in-links", ApiClient.json(Map.of("student", "ada@testlms")))
                        .status(),
                "a student cannot mint links");
        assertEquals(
                400,
                lms.post("/api/v1/sign-in-links", ApiClient.json(Map.of("student", "quinn", "days", 0)))
                        .status());
        assertEquals(404, get(url.replace("sl_", "sl_0")).statusCode(), "a forged token opens nothing");
        ApiClient.Response revoked = lms.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(tool
                        + "/api/v1/sign-in-links/" + minted.json().get("id").asText()))
                .header("Authorization", "Bearer lms-key")
                .DELETE()
                .build());
        assertEquals(204, revoked.status(), revoked.body());
        HttpResponse<String> dead = get(url);
        assertEquals(404, dead.statusCode());
        assertTrue(dead.body().contains("does not work"), dead.body());
    }

    @Test
    void selfDeclaredStudentIds_areOffByDefault() throws Exception {
        ApiClient.Response r = new ApiClient(server.port(), null)
                .post("/api/v1/session", ApiClient.json(Map.of("student", "ada@testlms")));
        assertEquals(403, r.status(), r.body());
    }
}
