package dev.asyncgrader.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asyncgrader.config.GraderConfig;
import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.grading.TestGraders;
import dev.asyncgrader.kernel.Notebooks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST API grades a notebook submission by its %%grade cell, as the kernel would. */
class NotebookUploadTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    static GraderServer server;
    static ApiClient lms;
    static Exercise exercise;

    @BeforeAll
    static void start() throws Exception {
        ExerciseCatalog catalog = ExerciseCatalog.load(Path.of("src/test/resources/test-exercises"));
        exercise = catalog.get(ApiTest.EXERCISE);
        server = new GraderServer(
                        GraderConfig.DEFAULTS, catalog, TestGraders.sandboxed(), "test", data, 2, ApiTest.KEY, null)
                .start(0);
        lms = new ApiClient(server.port(), ApiTest.KEY);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** The exercise's starter notebook with {@code gradeCell} in place of its %%grade cell (none if null). */
    private static String notebook(String gradeCell) throws Exception {
        ObjectNode nb = (ObjectNode) JSON.readTree(Notebooks.starter(exercise));
        if (gradeCell == null) {
            nb.withArray("cells").remove(1);
        } else {
            ((ObjectNode) nb.get("cells").get(1)).put("source", gradeCell);
        }
        return JSON.writeValueAsString(nb);
    }

    @Test
    void aNotebooksGradeCellIsGradedAsItsMainJava() throws Exception {
        String cell = "%%grade " + exercise.id() + "\n" + exercise.solution().get("Main.java");
        ApiClient.Response r = lms.post(
                "/api/v1/submissions",
                ApiClient.json(Map.of(
                        "exerciseId",
                        exercise.id(),
                        "student",
                        "nina",
                        "files",
                        Map.of("work.ipynb", notebook(cell)))));
        assertEquals(202, r.status(), r.body());
        JsonNode done =
                lms.awaitDone("/api/v1/submissions/" + r.json().get("id").asText(), Duration.ofSeconds(60));
        JsonNode result = done.get("result");
        assertEquals("graded", result.get("status").asText(), result.toString());
        assertEquals(result.get("maxScore").asDouble(), result.get("score").asDouble(), result.toString());
    }

    @Test
    void aNotebookWithoutAGradeCellIsA400SayingSo() throws Exception {
        ApiClient.Response r = lms.post(
                "/api/v1/submissions",
                ApiClient.json(Map.of(
                        "exerciseId",
                        exercise.id(),
                        "student",
                        "nina",
                        "files",
                        Map.of("work.ipynb", notebook(null)))));
        assertEquals(400, r.status(), r.body());
        assertTrue(r.body().contains("%%grade"), r.body());
    }
}
