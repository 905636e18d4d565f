package dev.asyncgrader.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncgrader.config.GraderConfig;
import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.grading.TestGraders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gradebook's CSV export in each LMS import layout, from a real server that graded real submissions. */
class GradebookCsvLayoutApiTest {
    static final String KEY = "lms-key-for-csv-tests";

    @TempDir
    static Path data;

    static GraderServer server;
    static ApiClient lms;

    @BeforeAll
    static void gradeTwoStudents() throws Exception {
        ExerciseCatalog catalog = ExerciseCatalog.load(Path.of("src/test/resources/test-exercises"));
        Exercise exercise = catalog.get("hello-wait");
        server = new GraderServer(GraderConfig.DEFAULTS, catalog, TestGraders.sandboxed(), "test", data, 2, KEY, null)
                .start(0);
        lms = new ApiClient(server.port(), KEY);
        String zoe = lms.submit("hello-wait", "zoë", exercise.solution());
        String eve = lms.submit("hello-wait", "-eve", Map.of("Main.java", "public class Main { broken }"));
        lms.awaitDone("/api/v1/submissions/" + zoe, Duration.ofSeconds(60));
        lms.awaitDone("/api/v1/submissions/" + eve, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String csv(String query) throws Exception {
        ApiClient.Response r = lms.get("/api/v1/gradebook?format=csv" + query);
        assertEquals(200, r.status(), r.body());
        assertTrue(r.raw().headers().firstValue("Content-Type").orElse("").contains("charset=utf-8"));
        return r.body();
    }

    @Test
    void generic_isTheDefault() throws Exception {
        String expected = "\uFEFFstudent,hello-wait\r\n'-eve,0\r\nzoë,5\r\n";
        assertEquals(expected, csv(""));
        assertEquals(expected, csv("&csvFormat=generic"));
    }

    @Test
    void canvas_identityColumns_pointsPossibleRow_studentIdAsSisLoginId() throws Exception {
        assertEquals(
                "\uFEFFStudent,ID,SIS User ID,SIS Login ID,Section,\"Hello, wait, bye (hello-wait)\"\r\n"
                        + "Points Possible,,,,,5\r\n"
                        + "'-eve,,,'-eve,,0\r\n"
                        + "zoë,,,zoë,,5\r\n",
                csv("&csvFormat=canvas"));
    }

    @Test
    void moodle_usernameThenTheGradeColumn() throws Exception {
        assertEquals("\uFEFFUsername,\"Hello, wait, bye\"\r\n'-eve,0\r\nzoë,5\r\n", csv("&csvFormat=moodle"));
    }

    @Test
    void unknownLayout_is400_namingTheLayouts() throws Exception {
        ApiClient.Response r = lms.get("/api/v1/gradebook?format=csv&csvFormat=excel");
        assertEquals(400, r.status(), r.body());
        assertTrue(r.body().contains("generic, canvas or moodle"), r.body());
    }
}
