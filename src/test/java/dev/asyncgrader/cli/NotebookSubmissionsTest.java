package dev.asyncgrader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Exercises as notebooks: the starter notebook, and batch grading of notebooks by their %%grade cell. */
class NotebookSubmissionsTest {
    private static final String EXERCISES = GradeCommandTest.EXERCISES;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private ObjectNode starter;

    private static int run(String... args) {
        CommandLine cli = GraderCli.commandLine();
        cli.setErr(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }

    @BeforeEach
    void writeStarterNotebook() throws IOException {
        assertEquals(
                0,
                run("starter", "hello-wait", "--format", "ipynb", "--out", tmp.toString(), "--exercises", EXERCISES));
        starter = (ObjectNode) JSON.readTree(tmp.resolve("hello-wait.ipynb").toFile());
    }

    @Test
    void starterNotebookHasThePromptThenAGradeCellWithTheStarterCode() {
        assertEquals(4, starter.get("nbformat").asInt());
        assertEquals("async-grader", starter.at("/metadata/kernelspec/name").asText());
        JsonNode cells = starter.get("cells");
        assertEquals("markdown", cells.get(0).get("cell_type").asText());
        assertEquals("code", cells.get(1).get("cell_type").asText());
        assertTrue(cells.get(1).get("source").asText().startsWith("%%grade hello-wait\n"));
        assertTrue(cells.get(1).get("source").asText().contains("class Main"));
    }

    private void notebook(String student, String gradeCell) throws IOException {
        ObjectNode nb = starter.deepCopy();
        ObjectNode cell = (ObjectNode) nb.get("cells").get(1);
        if (gradeCell == null) {
            nb.withArray("cells").remove(1);
        } else {
            // As Jupyter saves it: the source split into lines.
            var lines = cell.putArray("source");
            gradeCell.lines().forEach(l -> lines.add(l + "\n"));
        }
        Path dir = tmp.resolve("subs").resolve(student);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("hello-wait.ipynb"), JSON.writeValueAsString(nb));
    }

    @Test
    void batchGradingGradesEachNotebooksGradeCell() throws Exception {
        String solution = Files.readString(Path.of(EXERCISES, "hello-wait/solution/Main.java"));
        notebook("alice", "%%grade hello-wait\n" + solution);
        notebook("bob", "%%grade hello-wait\npublic class Main { public static void main(String[] a) {} }");
        notebook("carol", null);
        Path out = tmp.resolve("results.json");
        assertEquals(
                0,
                run(
                        "grade",
                        "--exercises",
                        EXERCISES,
                        "--exercise",
                        "hello-wait",
                        "--submissions",
                        tmp.resolve("subs").toString(),
                        "--out",
                        out.toString()));
        Map<String, JsonNode> byStudent = new TreeMap<>();
        JSON.readTree(out.toFile())
                .get("submissions")
                .forEach(s -> byStudent.put(s.get("student").asText(), s));
        assertEquals(
                5.0,
                byStudent.get("alice").get("score").asDouble(),
                byStudent.get("alice").toString());
        assertEquals("graded", byStudent.get("bob").get("status").asText());
        assertTrue(byStudent.get("bob").get("score").asDouble() < 5.0);
        assertEquals("rejected", byStudent.get("carol").get("status").asText());
        assertTrue(byStudent.get("carol").get("feedback").get(0).asText().contains("%%grade hello-wait"));
    }
}
