package dev.asyncgrader.exercise;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** All exercises of an {@code exercises/} folder, loaded and validated at once. */
public final class ExerciseCatalog {
    private final Map<String, Exercise> byId;
    private final CourseOrder course;

    private ExerciseCatalog(Map<String, Exercise> byId, CourseOrder course) {
        this.byId = byId;
        this.course = course;
    }

    /**
     * Loads every sub-folder of {@code dir} that holds an {@code exercise.yaml}; the first invalid exercise
     * stops loading with an {@link ExerciseException} naming its file and field.
     */
    public static ExerciseCatalog load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ExerciseException("No exercises folder at " + dir.toAbsolutePath()
                    + "; run the grader from the project folder or pass --exercises DIR.");
        }
        Map<String, Exercise> byId = new TreeMap<>();
        try (Stream<Path> folders = Files.list(dir)) {
            for (Path f : folders.sorted().toList()) {
                if (Files.isRegularFile(f.resolve(ExerciseLoader.FILE))) {
                    Exercise e = ExerciseLoader.load(f);
                    byId.put(e.id(), e);
                }
            }
        } catch (IOException e) {
            throw new ExerciseException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
        CourseOrder course = CourseOrder.read(dir, byId.keySet());
        Map<String, Exercise> ordered = new java.util.LinkedHashMap<>();
        byId.values().stream()
                .sorted(java.util.Comparator.comparingInt((Exercise e) -> course.position(e.id()))
                        .thenComparing(Exercise::id))
                .forEach(e -> ordered.put(e.id(), e));
        return new ExerciseCatalog(ordered, course);
    }

    /** Loads the single exercise in {@code dir}. */
    public static Exercise loadOne(Path dir) {
        return ExerciseLoader.load(dir);
    }

    /** The exercise with this id, or an exception listing the ids there are. */
    public Exercise get(String id) {
        Exercise e = byId.get(id);
        if (e == null) {
            throw new ExerciseException("No exercise '" + id + "'. Exercises: " + String.join(", ", byId.keySet()));
        }
        return e;
    }

    /** Where an exercise stands in the course (order, description, difficulty), from {@code catalog.yaml}. */
    public java.util.Optional<CourseOrder.Entry> course(String id) {
        return course.entry(id);
    }

    /** Every exercise, in course order (then by id). */
    public Collection<Exercise> all() {
        return byId.values();
    }
}
