package dev.asyncgrader.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The course's catalog file: exercises in course order with descriptions and difficulties, checked at load. */
class CourseOrderTest {
    private static final Path HELLO = Path.of("src/test/resources/test-exercises/hello-wait");

    @TempDir
    Path dir;

    private void exercise(String id) throws IOException {
        try (Stream<Path> all = Files.walk(HELLO)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path to = dir.resolve(id).resolve(HELLO.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
    }

    @Test
    void catalogOrdersTheExercises_andGivesDescriptionAndDifficulty() throws IOException {
        exercise("alpha");
        exercise("beta");
        exercise("gamma");
        Files.writeString(
                dir.resolve("catalog.yaml"),
                "exercises:\n  - id: gamma\n    difficulty: easy\n    description: First one.\n"
                        + "  - id: alpha\n    difficulty: hard\n    description: Second one.\n");
        ExerciseCatalog catalog = ExerciseCatalog.load(dir);
        assertEquals(
                List.of("gamma", "alpha", "beta"),
                catalog.all().stream().map(Exercise::id).toList());
        assertEquals(
                new CourseOrder.Entry(1, "First one.", "easy"),
                catalog.course("gamma").orElseThrow());
        assertTrue(catalog.course("beta").isEmpty(), "an exercise the catalog does not list has no entry");
    }

    @Test
    void unknownExerciseOrDifficulty_isAnError_namingTheCatalogFile() throws IOException {
        exercise("alpha");
        Files.writeString(
                dir.resolve("catalog.yaml"), "exercises:\n  - id: alfa\n    difficulty: easy\n    description: x\n");
        ExerciseException e = assertThrows(ExerciseException.class, () -> ExerciseCatalog.load(dir));
        assertTrue(e.getMessage().contains("catalog.yaml") && e.getMessage().contains("alfa"), e.getMessage());
        Files.writeString(
                dir.resolve("catalog.yaml"), "exercises:\n  - id: alpha\n    difficulty: tricky\n    description: x\n");
        e = assertThrows(ExerciseException.class, () -> ExerciseCatalog.load(dir));
        assertTrue(e.getMessage().contains("easy, medium or hard"), e.getMessage());
    }
}
