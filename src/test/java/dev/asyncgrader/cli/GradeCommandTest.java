package dev.asyncgrader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Batch grading of a folder of submissions, as an instructor runs it. */
class GradeCommandTest {
    static final String EXERCISES = "src/test/resources/test-exercises";

    @TempDir
    Path tmp;

    private Path submission(String student, String file, String source) throws IOException {
        Path dir = tmp.resolve("subs").resolve(student);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(file), source);
        return dir;
    }

    private record Outcome(int exitCode, String err) {}

    private static Outcome run(String... args) {
        CommandLine cli = GraderCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Outcome(code, err.toString());
    }

    @Test
    void batch_gradesEveryFolder_writesResultsAndGradebook_thenSkipsGradedOnRerun() throws Exception {
        String solution = Files.readString(Path.of(EXERCISES, "hello-wait/solution/Main.java"));
        submission("alice", "Main.java", solution);
        submission("bob", "Main.java", "public class Main { public static void main(String[] a) { int x = } }");
        Path carol = submission("carol", "Notes.txt", "no java here");
        Files.createSymbolicLink(carol.resolve("Main.java"), Path.of("/etc/hostname"));
        Path out = tmp.resolve("out/results.json");
        Path csv = tmp.resolve("out/grades.csv");

        Outcome first = run(
                "grade",
                "--exercises",
                EXERCISES,
                "--exercise",
                "hello-wait",
                "--submissions",
                tmp.resolve("subs").toString(),
                "--out",
                out.toString(),
                "--csv",
                csv.toString(),
                "--jobs",
                "3");
        assertEquals(0, first.exitCode(), first.err());

        JsonNode root = new ObjectMapper().readTree(out.toFile());
        assertEquals("hello-wait", root.get("exercise").asText());
        Map<String, JsonNode> byStudent = new TreeMap<>();
        root.get("submissions").forEach(s -> byStudent.put(s.get("student").asText(), s));
        assertEquals(List.of("alice", "bob", "carol"), List.copyOf(byStudent.keySet()));

        JsonNode alice = byStudent.get("alice");
        assertEquals("graded", alice.get("status").asText());
        assertEquals(5.0, alice.get("score").asDouble());
        assertEquals(5.0, alice.get("maxScore").asDouble());
        JsonNode check = alice.get("checks").get(0);
        for (String field : List.of("name", "passed", "points", "maxPoints", "feedback")) {
            assertTrue(check.has(field), "check lacks " + field);
        }
        JsonNode run = alice.get("runs").get(0);
        assertEquals("[\"500\"]", run.get("args").toString());
        assertEquals(0, run.get("exitCode").asInt());
        assertTrue(run.get("durationMs").asLong() >= 450, run.toString());
        assertEquals("hello", run.get("lines").get(0).get("text").asText());
        assertTrue(run.get("lines").get(1).get("t").asLong() >= 450);

        assertEquals("compile_error", byStudent.get("bob").get("status").asText());
        assertEquals("rejected", byStudent.get("carol").get("status").asText());
        assertTrue(byStudent.get("carol").get("feedback").get(0).asText().contains("link"));

        assertEquals(
                List.of("student,score,max,status", "alice,5,5,graded", "bob,0,5,compile_error", "carol,0,5,rejected"),
                Files.readAllLines(csv));

        String gradedAt = alice.get("gradedAt").asText();
        submission("dave", "Main.java", solution);
        // Alice's work changes into code that does not compile: graded again, she would get a compile error, so
        // her unchanged result proves she was skipped (gradedAt counts whole seconds and could not tell).
        submission("alice", "Main.java", "public class Main { broken }");
        Outcome second = run(
                "grade",
                "--exercises",
                EXERCISES,
                "--exercise",
                "hello-wait",
                "--submissions",
                tmp.resolve("subs").toString(),
                "--out",
                out.toString(),
                "--jobs",
                "2");
        assertEquals(0, second.exitCode(), second.err());
        JsonNode again = new ObjectMapper().readTree(out.toFile());
        assertEquals(4, again.get("submissions").size());
        for (JsonNode s : again.get("submissions")) {
            if (s.get("student").asText().equals("alice")) {
                assertEquals(gradedAt, s.get("gradedAt").asText(), "alice was graded again");
                assertEquals("graded", s.get("status").asText(), "alice was graded again");
                assertEquals(5.0, s.get("score").asDouble(), "alice was graded again");
            }
        }
    }

    @Test
    void formatCsv_inCanvasLayout_writesOnlyTheCanvasImport() throws Exception {
        submission("ada", "Main.java", Files.readString(Path.of(EXERCISES, "hello-wait/solution/Main.java")));
        submission("=bo", "Main.java", "public class Main { broken }");
        Path out = tmp.resolve("canvas.csv");
        Outcome o = run(
                "grade",
                "--exercises",
                EXERCISES,
                "--exercise",
                "hello-wait",
                "--submissions",
                tmp.resolve("subs").toString(),
                "--out",
                out.toString(),
                "--format",
                "csv",
                "--csv-format",
                "canvas");
        assertEquals(0, o.exitCode(), o.err());
        assertEquals(
                "\uFEFFStudent,ID,SIS User ID,SIS Login ID,Section,\"Hello, wait, bye (hello-wait)\"\r\n"
                        + "Points Possible,,,,,5\r\n"
                        + "'=bo,,,'=bo,,0\r\n"
                        + "ada,,,ada,,5\r\n",
                Files.readString(out));
        try (var files = Files.list(tmp)) {
            assertEquals(
                    List.of("canvas.csv", "subs"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void unknownCsvLayout_exitsWithStatus2AndNamesTheLayouts() {
        Outcome o = run(
                "grade",
                "--exercises",
                EXERCISES,
                "--exercise",
                "hello-wait",
                "--submissions",
                tmp.toString(),
                "--out",
                tmp.resolve("x.csv").toString(),
                "--csv-format",
                "excel");
        assertEquals(2, o.exitCode(), o.err());
        assertTrue(o.err().contains("generic, canvas, moodle"), o.err());
    }

    @Test
    void unknownExercise_exitsWithStatus2AndListsExercises() {
        Outcome o = run(
                "grade",
                "--exercises",
                EXERCISES,
                "--exercise",
                "nope",
                "--submissions",
                tmp.toString(),
                "--out",
                tmp.resolve("r.json").toString());
        assertEquals(2, o.exitCode());
        assertTrue(o.err().contains("No exercise 'nope'. Exercises: hello-wait"), o.err());
    }

    @Test
    void missingSubmissionsFolder_exitsWithStatus2AndSaysWhatItNeeds() {
        Outcome o = run(
                "grade",
                "--exercises",
                EXERCISES,
                "--exercise",
                "hello-wait",
                "--submissions",
                tmp.resolve("absent").toString(),
                "--out",
                tmp.resolve("r.json").toString());
        assertEquals(2, o.exitCode());
        assertTrue(o.err().contains("No submissions folder") && o.err().contains("one folder per student"), o.err());
    }
}
