package dev.asyncgrader.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asyncgrader.exercise.Exercise;
import java.io.IOException;

/**
 * Exercises as Jupyter notebooks: the starter notebook of an exercise (its prompt as a markdown cell, then a
 * {@code %%grade ID} cell with the starter code), and the submission inside a notebook (its {@code %%grade} cell),
 * so batch grading and the REST API grade a notebook as the kernel would.
 */
public final class Notebooks {
    private Notebooks() {}

    /** The {@code %%grade} cell found in a notebook, or why there is none. */
    public sealed interface GradedCell {
        /** The cell's body: the submission's {@code Main.java}. */
        record Found(String source) implements GradedCell {}

        /** No such cell, or not a notebook; {@code reason} completes "Your submission was not graded: ...". */
        record Missing(String reason) implements GradedCell {}
    }

    /** The starter notebook of {@code exercise} as nbformat 4.5 JSON. */
    public static String starter(Exercise exercise) {
        ObjectNode nb = KernelMessage.JSON.createObjectNode();
        ArrayNode cells = nb.putArray("cells");
        ObjectNode prompt = cells.addObject();
        prompt.put("cell_type", "markdown");
        prompt.put("id", "prompt");
        prompt.putObject("metadata");
        prompt.put("source", "# " + exercise.title() + "\n\n" + exercise.prompt());
        ObjectNode code = cells.addObject();
        code.put("cell_type", "code");
        code.put("id", "submission");
        code.putNull("execution_count");
        code.putObject("metadata");
        code.putArray("outputs");
        code.put(
                "source",
                "%%grade " + exercise.id() + "\n"
                        + exercise.starterFiles().getOrDefault(exercise.entryPoint() + ".java", ""));
        ObjectNode metadata = nb.putObject("metadata");
        ObjectNode kernelspec = metadata.putObject("kernelspec");
        kernelspec.put("name", "async-grader");
        kernelspec.put("display_name", "Java (async-grader)");
        kernelspec.put("language", "java");
        ObjectNode language = metadata.putObject("language_info");
        language.put("name", "java");
        language.put("file_extension", ".java");
        language.put("mimetype", "text/x-java");
        nb.put("nbformat", 4);
        nb.put("nbformat_minor", 5);
        try {
            return KernelMessage.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(nb) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("a notebook could not be written as JSON", e);
        }
    }

    /**
     * The last code cell of {@code notebookJson} that starts with {@code %%grade} (naming {@code exerciseId}, when
     * that is not null), without its magic line.
     */
    public static GradedCell gradedCell(String notebookJson, String exerciseId) {
        JsonNode nb;
        try {
            nb = KernelMessage.JSON.readTree(notebookJson);
        } catch (IOException e) {
            return new GradedCell.Missing("the notebook is not valid JSON");
        }
        if (nb == null || !nb.path("cells").isArray()) {
            return new GradedCell.Missing("the notebook has no cells");
        }
        String found = null;
        for (JsonNode cell : nb.path("cells")) {
            if (!cell.path("cell_type").asText().equals("code")) {
                continue;
            }
            JsonNode source = cell.path("source");
            StringBuilder text = new StringBuilder();
            if (source.isArray()) {
                source.forEach(line -> text.append(line.asText())); // nbformat may split the source into lines
            } else {
                text.append(source.asText());
            }
            String code = text.toString().stripLeading();
            int eol = code.indexOf('\n');
            String[] magic = (eol < 0 ? code : code.substring(0, eol)).strip().split("\\s+");
            if (magic[0].equals("%%grade")
                    && (exerciseId == null || (magic.length > 1 && magic[1].equals(exerciseId)))) {
                found = eol < 0 ? "" : code.substring(eol + 1);
            }
        }
        if (found == null || found.isBlank()) {
            return new GradedCell.Missing(
                    "the notebook has no %%grade " + (exerciseId == null ? "" : exerciseId + " ") + "cell with code");
        }
        return new GradedCell.Found(found);
    }
}
