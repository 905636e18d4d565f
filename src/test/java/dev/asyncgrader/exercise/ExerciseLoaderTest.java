package dev.asyncgrader.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncgrader.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exercise files are validated at load, and every error names the file and the field. */
class ExerciseLoaderTest {
    @TempDir
    Path root;

    private static final String VALID = """
            title: T
            arguments:
              - name: seconds
            runs:
              - name: example
                args: ["1"]
            lines:
              done:
                text: "done after ${seconds}"
            checks:
              - name: done
                kind: at
                group: done
                at: seconds
                wrong: seconds * 3
                feedback: "late: ${actual}"
            """;

    private Path exercise(String yaml) throws IOException {
        Path dir = root.resolve("ex");
        Files.createDirectories(dir.resolve("solution"));
        Files.writeString(dir.resolve("exercise.yaml"), yaml);
        Files.writeString(dir.resolve("prompt.md"), "Do it.");
        Files.writeString(
                dir.resolve("solution/Main.java"), "public class Main { public static void main(String[] a) {} }");
        return dir;
    }

    private String errorOf(String yaml) throws IOException {
        Path dir = exercise(yaml);
        return assertThrows(ConfigException.class, () -> ExerciseCatalog.loadOne(dir))
                .getMessage();
    }

    @Test
    void validExercise_loadsWithDefaults() throws IOException {
        Exercise e = ExerciseCatalog.loadOne(exercise(VALID));
        assertEquals("Main", e.entryPoint());
        assertEquals(4, e.cpus());
        assertEquals(1.0, e.maxPoints());
        assertTrue(e.warnings().isEmpty(), e.warnings().toString());
    }

    @Test
    void typoInField_namesFileFieldAndKnownFields() throws IOException {
        String message = errorOf(VALID.replace("group: done", "grup: done"));
        assertTrue(message.startsWith("exercises/ex/exercise.yaml: checks[0]: unknown field 'grup'"), message);
        assertTrue(message.contains("group"), message);
    }

    @Test
    void unknownLineGroup_listsTheGroups() throws IOException {
        String message = errorOf(VALID.replace("group: done", "group: finished"));
        assertTrue(message.contains("checks[0].group: no line group 'finished'; groups under 'lines': done"), message);
    }

    @Test
    void expressionThatFailsForARun_isCaughtAtLoad() throws IOException {
        String message = errorOf(VALID.replace("at: seconds", "at: secnds"));
        assertTrue(message.contains("checks[0]: for run 'example': unknown name 'secnds'"), message);
    }

    @Test
    void runArgumentsNotMatchingDeclaredArguments_areReported() throws IOException {
        String message = errorOf(VALID.replace("args: [\"1\"]", "args: [\"1\", \"2\"]"));
        assertTrue(message.contains("runs[0].args: 1 argument(s) more than the names declared"), message);
    }

    @Test
    void unknownCheckKind_listsTheKinds() throws IOException {
        String message = errorOf(VALID.replace("kind: at", "kind: overlap"));
        assertTrue(message.contains("checks[0].kind: unknown check kind 'overlap'; kinds: lines, before"), message);
    }

    @Test
    void narrowMarginBetweenRightAndWrong_isAWarningForAuthors() throws IOException {
        Exercise e = ExerciseCatalog.loadOne(exercise(VALID.replace("wrong: seconds * 3", "wrong: seconds * 1.2")));
        assertEquals(1, e.warnings().size());
        assertTrue(
                e.warnings().getFirst().contains("only 0.20 s apart"),
                e.warnings().getFirst());
    }

    @Test
    void missingPrompt_saysWhatIsNeeded() throws IOException {
        Path dir = exercise(VALID);
        Files.delete(dir.resolve("prompt.md"));
        String message = assertThrows(ConfigException.class, () -> ExerciseCatalog.loadOne(dir))
                .getMessage();
        assertTrue(message.contains("prompt.md: is missing"), message);
    }

    @Test
    void timelineAndCpuHeavy_areAccepted() throws IOException {
        Exercise e = ExerciseCatalog.loadOne(exercise(VALID + """
                cpuHeavy: true
                timeline:
                  starts: done
                  ends: done
                  label: "t ${seconds}"
                """));
        assertTrue(e.cpuHeavy());
        assertEquals("done", e.timeline().starts());
    }

    @Test
    void feedbackWithUnknownName_isCaughtAtLoad() throws IOException {
        String message = errorOf(VALID.replace("late: ${actual}", "late: ${actul}"));
        assertTrue(message.contains("checks[0].feedback: unknown name 'actul'"), message);
        assertTrue(message.contains("offers [line, actual, expected]"), message);
    }
}
