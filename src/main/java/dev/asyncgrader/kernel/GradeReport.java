package dev.asyncgrader.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asyncgrader.exercise.Exercise;
import java.util.Locale;

/**
 * A graded cell's result as the notebook shows it, written only from the student's view of the result (so nothing
 * of a hidden run appears): the score as {@code SCORE / MAX}, the diagnosis, each check with its points, and each
 * failed check's feedback.
 */
final class GradeReport {
    private GradeReport() {}

    static String markdown(Exercise exercise, JsonNode view) {
        StringBuilder md = new StringBuilder();
        md.append("### ")
                .append(exercise.title())
                .append(": **")
                .append(score(view))
                .append("** (")
                .append(view.path("status").asText())
                .append(")\n\n");
        JsonNode feedback = view.path("feedback");
        if (!feedback.isEmpty()) {
            md.append("**Diagnosis**\n\n");
            for (JsonNode f : feedback) {
                md.append("- ").append(f.asText()).append('\n');
            }
            md.append('\n');
        }
        if (!view.path("compileErrors").isEmpty()) {
            md.append("```\n");
            for (JsonNode d : view.path("compileErrors")) {
                // As javac says it (CompileDiagnostic.describe); lines count in the cell's body.
                md.append(d.path("file").asText())
                        .append(':')
                        .append(d.path("line").asLong())
                        .append(':')
                        .append(d.path("column").asLong())
                        .append(": ")
                        .append(d.path("message").asText().replace("`", "'"))
                        .append('\n');
            }
            md.append("```\n\n");
        }
        if (!view.path("checks").isEmpty()) {
            md.append("| check | result | points |\n|---|---|---|\n");
            for (JsonNode c : view.path("checks")) {
                md.append("| ")
                        .append(c.path("name").asText())
                        .append(" | ")
                        .append(c.path("outcome").asText())
                        .append(" | ")
                        .append(Magics.points(c.path("points").asDouble()))
                        .append(" / ")
                        .append(Magics.points(c.path("maxPoints").asDouble()))
                        .append(" |\n");
            }
            md.append('\n');
            for (JsonNode c : view.path("checks")) {
                if (!c.path("passed").asBoolean() && c.path("feedback").isTextual()) {
                    md.append("- **")
                            .append(c.path("name").asText())
                            .append("**: ")
                            .append(c.path("feedback").asText())
                            .append('\n');
                }
            }
        }
        return md.toString();
    }

    static String plain(JsonNode view) {
        StringBuilder out = new StringBuilder("Score: ").append(score(view)).append('\n');
        for (JsonNode f : view.path("feedback")) {
            out.append("- ").append(f.asText()).append('\n');
        }
        return out.toString();
    }

    static String score(JsonNode view) {
        return Magics.points(view.path("score").asDouble()) + " / "
                + Magics.points(view.path("maxScore").asDouble());
    }

    /** One line per visible run: how it ended and how long it took. */
    static String runSummary(JsonNode view) {
        StringBuilder out = new StringBuilder();
        if (!view.path("compileErrors").isEmpty() || view.path("runs").isEmpty()) {
            for (JsonNode f : view.path("feedback")) {
                out.append(f.asText()).append('\n');
            }
        }
        for (JsonNode run : view.path("runs")) {
            if (run.path("hidden").asBoolean(true)) {
                continue;
            }
            out.append(String.format(
                    Locale.ROOT,
                    "[%s] %s%s after %.2f s%n",
                    run.path("name").asText(),
                    run.path("outcome").asText(),
                    run.path("exitCode").isNumber()
                            ? " (exit code " + run.path("exitCode").asInt() + ")"
                            : "",
                    run.path("durationMs").asLong() / 1000.0));
        }
        return out.toString();
    }
}
