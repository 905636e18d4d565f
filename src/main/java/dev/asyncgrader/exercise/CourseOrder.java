package dev.asyncgrader.exercise;

import dev.asyncgrader.config.ConfigException;
import dev.asyncgrader.config.YamlNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The course's catalog file ({@code exercises/catalog.yaml}): the order in which students meet the exercises,
 * following the course's topics, with a one-line description and a difficulty for each. Optional: without it,
 * exercises are listed by id with neither.
 */
public final class CourseOrder {
    static final String FILE = "catalog.yaml";
    private static final Set<String> DIFFICULTIES = Set.of("easy", "medium", "hard");

    /**
     * One exercise's place in the course.
     *
     * @param position 1 for the first exercise of the course
     * @param description one line saying what the exercise practises
     * @param difficulty easy, medium or hard
     */
    public record Entry(int position, String description, String difficulty) {}

    private final Map<String, Entry> byId;

    private CourseOrder(Map<String, Entry> byId) {
        this.byId = byId;
    }

    static CourseOrder none() {
        return new CourseOrder(Map.of());
    }

    /** Reads {@code dir/catalog.yaml} if there is one; every id in it must be one of {@code ids}. */
    static CourseOrder read(Path dir, Set<String> ids) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return none();
        }
        try {
            YamlNode root = YamlNode.read(file, dir.getFileName() + "/" + FILE);
            root.onlyFields(Set.of("exercises"));
            Map<String, Entry> out = new LinkedHashMap<>();
            for (YamlNode n : root.get("exercises").list()) {
                n.onlyFields(Set.of("id", "description", "difficulty"));
                String id = n.get("id").text();
                if (!ids.contains(id)) {
                    throw n.get("id").error("no exercise folder '" + id + "'; exercises: " + String.join(", ", ids));
                }
                String difficulty = n.get("difficulty").text();
                if (!DIFFICULTIES.contains(difficulty)) {
                    throw n.get("difficulty").error("must be easy, medium or hard");
                }
                if (out.put(id, new Entry(out.size() + 1, n.get("description").text(), difficulty)) != null) {
                    throw n.get("id").error("'" + id + "' is listed twice");
                }
            }
            return new CourseOrder(Map.copyOf(out));
        } catch (ConfigException e) {
            throw new ExerciseException(e.getMessage(), e);
        }
    }

    /** Where {@code id} stands in the course, if the catalog lists it. */
    public Optional<Entry> entry(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Sort key: listed exercises in course order, then the rest. */
    int position(String id) {
        Entry e = byId.get(id);
        return e == null ? Integer.MAX_VALUE : e.position();
    }
}
