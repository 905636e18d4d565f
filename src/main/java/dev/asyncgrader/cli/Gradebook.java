package dev.asyncgrader.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.asyncgrader.grading.GradeResult;
import dev.asyncgrader.grading.GradeStatus;
import dev.asyncgrader.report.CsvLayout;
import dev.asyncgrader.report.GradebookCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The results of a batch: {@code {"exercise": ID, "submissions": [...]}} in JSON, saved after every
 * grading so an interrupted batch resumes where it stopped, plus a CSV an LMS can import.
 */
final class Gradebook {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String exercise;
    private final Path jsonFile; // null: kept in memory only
    private final Map<String, JsonNode> byStudent = new TreeMap<>();

    private Gradebook(String exercise, Path jsonFile) {
        this.exercise = exercise;
        this.jsonFile = jsonFile;
    }

    /**
     * Opens {@code jsonFile}, keeping earlier results of the same exercise except internal errors (those
     * deserve another try); a file for another exercise is an error rather than something to overwrite.
     */
    static Gradebook open(String exercise, Path jsonFile) throws IOException {
        Gradebook book = new Gradebook(exercise, jsonFile);
        if (Files.exists(jsonFile)) {
            JsonNode root = JSON.readTree(jsonFile.toFile());
            String earlier = root.path("exercise").asText();
            if (!earlier.equals(exercise)) {
                throw new GraderCli.UsageProblem(jsonFile + " holds results of exercise '" + earlier
                        + "'; choose another --out file for '" + exercise + "'.");
            }
            for (JsonNode s : root.path("submissions")) {
                if (!GradeStatus.INTERNAL_ERROR
                        .wireName()
                        .equals(s.path("status").asText())) {
                    book.byStudent.put(s.path("student").asText(), s);
                }
            }
        }
        return book;
    }

    /** A gradebook not saved as JSON (a batch written only as CSV starts afresh each time). */
    static Gradebook inMemory(String exercise) {
        return new Gradebook(exercise, null);
    }

    synchronized boolean has(String student) {
        return byStudent.containsKey(student);
    }

    synchronized int size() {
        return byStudent.size();
    }

    /** Records a result and saves the whole file atomically. */
    synchronized void put(GradeResult result) throws IOException {
        byStudent.put(result.student(), JSON.valueToTree(result));
        if (jsonFile == null) {
            return;
        }
        Map<String, Object> root = Map.of("exercise", exercise, "submissions", new ArrayList<>(byStudent.values()));
        Path dir = jsonFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".gradebook-", ".json");
        JSON.writeValue(tmp.toFile(), new TreeMap<>(root));
        Files.move(tmp, jsonFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Writes the gradebook CSV: in the generic layout {@code student,score,max,status}; in an LMS layout, the one
     * exercise {@code column} as that LMS's grade import reads it.
     */
    synchronized void writeCsv(Path csvFile, CsvLayout layout, GradebookCsv.Column column) throws IOException {
        if (csvFile.toAbsolutePath().getParent() != null) {
            Files.createDirectories(csvFile.toAbsolutePath().getParent());
        }
        if (layout != CsvLayout.GENERIC) {
            List<GradebookCsv.Row> rows = new ArrayList<>();
            for (JsonNode s : byStudent.values()) {
                rows.add(new GradebookCsv.Row(
                        s.path("student").asText(), List.of(s.path("score").asDouble())));
            }
            Files.writeString(csvFile, GradebookCsv.render(layout, List.of(column), rows));
            return;
        }
        List<String> rows = new ArrayList<>();
        rows.add("student,score,max,status");
        for (JsonNode s : byStudent.values()) {
            rows.add(String.join(
                    ",",
                    GradebookCsv.field(s.path("student").asText()),
                    GradebookCsv.number(s.path("score").asDouble()),
                    GradebookCsv.number(s.path("maxScore").asDouble()),
                    s.path("status").asText()));
        }
        Files.write(csvFile, rows);
    }
}
