package dev.asyncgrader.gradescope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asyncgrader.cli.GraderCli;
import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.feedback.Messages;
import dev.asyncgrader.grading.GradeResult;
import dev.asyncgrader.grading.GradeStatus;
import dev.asyncgrader.grading.GradingListener;
import dev.asyncgrader.grading.HiddenInputs;
import dev.asyncgrader.grading.TestGraders;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real submissions graded into Gradescope's results.json, checked against the published format and for leaks. */
class GradescopeResultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path write(String name, JsonNode results) throws IOException {
        Path file = tmp.resolve(name);
        JSON.writeValue(file.toFile(), results);
        return file;
    }

    private static Map<String, String> sources(Path folder) throws IOException {
        Map<String, String> files = new HashMap<>();
        try (var list = Files.list(folder)) {
            for (Path p : list.filter(f -> f.toString().endsWith(".java")).toList()) {
                files.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        return files;
    }

    @Test
    void hardcodedFinishOrder_failsOnHiddenRuns_resultsAreValid_andStudentTextsHoldNoHiddenInput() throws Exception {
        Exercise exercise = ExerciseCatalog.loadOne(Path.of("exercises/finish-order"));
        GradeResult result = TestGraders.sandboxed()
                .grade(exercise, "ada", sources(exercise.dir().resolve("variants/hardcoded")), GradingListener.NONE);
        assertEquals(GradeStatus.GRADED, result.status(), result.feedback().toString());
        assertTrue(result.score() < result.maxScore(), "a hard-coded answer must lose points: " + result.feedback());

        ObjectNode results = GradescopeResults.of(exercise, result, Visibility.AFTER_PUBLISHED);
        assertEquals("", GradescopeSchema.problems(write("results.json", results)));

        assertEquals(result.score(), results.get("score").asDouble());
        assertEquals(exercise.checks().size(), results.get("tests").size());
        double sum = 0;
        boolean someFailed = false;
        for (JsonNode t : results.get("tests")) {
            sum += t.get("score").asDouble();
            String status = t.get("status").asText();
            someFailed |= status.equals("failed");
            assertEquals(
                    status.equals("passed") ? t.get("max_score").asDouble() : 0.0,
                    t.get("score").asDouble(),
                    t.toString());
            assertFalse(t.get("name").asText().isBlank());
        }
        assertTrue(someFailed);
        assertEquals(result.score(), sum, 1e-9);
        // Titles, not ids: what a student reads on the page.
        List<String> titles =
                exercise.checks().stream().map(c -> c.info().title()).toList();
        List<String> names = results.get("tests").findValuesAsText("name");
        assertEquals(titles, names);

        // The instructor's feedback quotes the hidden tests' random arguments (name:seconds); nothing a student can
        // see on Gradescope may, nor any hidden run's arguments.
        List<String> secrets = new ArrayList<>();
        Matcher m = Pattern.compile("\\b[A-Za-z][A-Za-z0-9]*:\\d+(\\.\\d+)?\\b")
                .matcher(String.join("\n", result.feedback()));
        while (m.find()) {
            secrets.add(m.group());
        }
        assertFalse(secrets.isEmpty(), "the test must be able to fail: " + result.feedback());
        ObjectNode shown = results.deepCopy();
        shown.remove("extra_data");
        String studentText = shown.toString();
        for (String secret : secrets) {
            assertFalse(studentText.contains(secret), secret + " reaches the student: " + studentText);
        }
        assertEquals(List.of(), HiddenInputs.of(exercise).foundIn(shown));
        // A failed hidden-test check speaks in its own test, shown when published, not in the always-visible output.
        JsonNode hiddenFailure = null;
        for (JsonNode t : results.get("tests")) {
            if (t.get("visibility").asText().equals("after_published")
                    && t.get("status").asText().equals("failed")) {
                hiddenFailure = t;
            }
        }
        assertTrue(hiddenFailure != null, results.toString());
        String said = hiddenFailure.get("output").asText();
        assertTrue(said.contains("hidden tests"), said);
        assertTrue(
                result.studentFeedback().contains(said),
                result.studentFeedback().toString());
        assertFalse(
                results.get("output").asText().contains(said),
                results.get("output").asText());
        assertTrue(
                results.get("output").asText().endsWith(Messages.hiddenChecksShownLater()),
                results.get("output").asText());
        // The whole result is kept for the instructor.
        assertEquals(
                JSON.valueToTree(result.feedback()),
                results.get("extra_data").get("result").get("feedback"));
    }

    @Test
    void checksOfHiddenTestsGetTheConfiguredVisibility_othersAreVisible() throws Exception {
        Exercise exercise = ExerciseCatalog.loadOne(Path.of("exercises/concurrent-fetch"));
        GradeResult result = TestGraders.sandboxed()
                .grade(
                        exercise,
                        "bo",
                        Map.of("Main.java", "public class Main { public static void main(String[] a) { int x = } }"),
                        GradingListener.NONE);
        assertEquals(GradeStatus.COMPILE_ERROR, result.status());
        ObjectNode results = GradescopeResults.of(exercise, result, Visibility.HIDDEN);
        assertEquals("", GradescopeSchema.problems(write("compile.json", results)));
        assertEquals(0.0, results.get("score").asDouble());
        assertTrue(
                results.get("output").asText().contains("Main.java:1:"),
                results.get("output").asText());
        for (JsonNode t : results.get("tests")) {
            assertEquals("failed", t.get("status").asText());
            boolean hiddenTest = t.get("name").asText().contains("(hidden test)");
            assertEquals(hiddenTest ? "hidden" : "visible", t.get("visibility").asText(), t.toString());
        }
        assertTrue(results.get("tests").findValuesAsText("visibility").contains("hidden"));
    }

    @Test
    void schemaRejectsWhatGradescopeWouldNotRead() throws Exception {
        ObjectNode wrong = JSON.createObjectNode();
        wrong.put("score", 1.0);
        wrong.putArray("tests").addObject().put("status", "ok").put("visibility", "students");
        String problems = GradescopeSchema.problems(write("wrong.json", wrong));
        assertTrue(problems.contains("tests/0: 'ok' is not one of") || problems.contains("'ok'"), problems);
        assertTrue(problems.contains("'students'"), problems);
    }

    private static int gradescope(Path submission, Path out) {
        var cli = GraderCli.commandLine();
        cli.setErr(new PrintWriter(new StringWriter()));
        return cli.execute(
                "grade",
                "--format",
                "gradescope",
                "--exercises",
                "src/test/resources/test-exercises",
                "--exercise",
                "hello-wait",
                "--submissions",
                submission.toString(),
                "--out",
                out.toString());
    }

    @Test
    void uploadedZipOfAFolder_withMacOsJunk_isGradedFromItsSources() throws Exception {
        Path submission = tmp.resolve("submission");
        Path src = Files.createDirectories(submission.resolve("hw1/src"));
        Files.copy(
                Path.of("src/test/resources/test-exercises/hello-wait/solution/Main.java"), src.resolve("Main.java"));
        Path junk = Files.createDirectories(submission.resolve("__MACOSX/hw1/src"));
        Files.write(junk.resolve("._Main.java"), new byte[] {0, 5, 22, 7, 0, 2});
        Path out = tmp.resolve("results/results.json");
        assertEquals(0, gradescope(submission, out));
        assertEquals("", GradescopeSchema.problems(out));
        JsonNode results = JSON.readTree(out.toFile());
        assertEquals(5.0, results.get("score").asDouble(), results.toString());
        assertEquals(
                List.of("passed"),
                results.get("tests").findValuesAsText("status").stream()
                        .distinct()
                        .toList());
    }

    @Test
    void twoSourcesOfOneName_areRejected_withScoreZero() throws Exception {
        Path submission = tmp.resolve("submission");
        for (String folder : List.of("a", "b")) {
            Files.writeString(
                    Files.createDirectories(submission.resolve(folder)).resolve("Main.java"),
                    "public class Main { public static void main(String[] a) {} }");
        }
        Path out = tmp.resolve("results.json");
        assertEquals(0, gradescope(submission, out));
        JsonNode results = JSON.readTree(out.toFile());
        assertEquals(0.0, results.get("score").asDouble());
        assertTrue(results.get("output").asText().contains("two files are named Main.java"), results.toString());
        assertEquals(
                "rejected",
                results.get("extra_data").get("result").get("status").asText());
    }

    @Test
    void unknownExercise_stillWritesResults_withScoreZeroAndTheReason() throws Exception {
        Path submission = Files.createDirectories(tmp.resolve("submission"));
        Files.writeString(submission.resolve("Main.java"), "public class Main {}");
        Path out = tmp.resolve("results/results.json");
        StringWriter err = new StringWriter();
        var cli = GraderCli.commandLine();
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(
                "grade",
                "--format",
                "gradescope",
                "--exercises",
                "exercises",
                "--exercise",
                "no-such-exercise",
                "--submissions",
                submission.toString(),
                "--out",
                out.toString());
        assertEquals(1, code, err.toString());
        assertEquals("", GradescopeSchema.problems(out));
        JsonNode results = JSON.readTree(out.toFile());
        assertEquals(0.0, results.get("score").asDouble());
        assertTrue(results.get("output").asText().contains("no-such-exercise"), results.toString());
        assertTrue(results.get("output").asText().contains("not your fault"), results.toString());
    }
}
