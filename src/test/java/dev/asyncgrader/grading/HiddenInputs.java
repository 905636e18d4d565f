package dev.asyncgrader.grading;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.RunSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The values of an exercise's hidden runs that must never reach a student, and a search for them in a view.
 * A value counts only if no visible run has it too (a student may see their own example output).
 */
public final class HiddenInputs {
    private final Set<String> secrets;

    private HiddenInputs(Set<String> secrets) {
        this.secrets = secrets;
    }

    /**
     * Each hidden argument as written, and its word parts (task names, file names): numbers alone are left out,
     * since a student view is full of measured times that may equal one by chance, and so are words the prompt
     * itself publishes (a domain such as {@code ok} or {@code fail} is no secret).
     */
    public static HiddenInputs of(Exercise exercise) {
        Set<String> visible = new LinkedHashSet<>();
        for (RunSpec run : exercise.runs()) {
            if (!run.hidden()) {
                for (String arg : run.args()) {
                    visible.add(arg);
                    visible.addAll(List.of(arg.split("[:=,]")));
                }
            }
        }
        Set<String> secrets = new LinkedHashSet<>();
        for (RunSpec run : exercise.runs()) {
            if (run.hidden()) {
                for (String arg : run.args()) {
                    if (arg.matches(".*[A-Za-z:].*") && !visible.contains(arg) && !arg.startsWith("http")) {
                        secrets.add(arg);
                    }
                    for (String part : arg.split("[:=,]")) {
                        if (part.length() >= 2
                                && part.matches(".*[A-Za-z].*")
                                && !visible.contains(part)
                                && !Pattern.compile("\\b" + Pattern.quote(part) + "\\b")
                                        .matcher(exercise.prompt())
                                        .find()
                                && !part.startsWith("http")
                                && !part.startsWith("//")) {
                            secrets.add(part);
                        }
                    }
                }
            }
        }
        return new HiddenInputs(Set.copyOf(secrets));
    }

    public Set<String> values() {
        return secrets;
    }

    /** The hidden values found in any text of {@code view}, as whole words. */
    public List<String> foundIn(JsonNode view) {
        List<String> texts = new ArrayList<>();
        collect(view, texts);
        List<String> found = new ArrayList<>();
        for (String secret : secrets) {
            Pattern p = Pattern.compile("(?<![\\w.])" + Pattern.quote(secret) + "(?![\\w])");
            for (String text : texts) {
                if (p.matcher(text).find()) {
                    found.add(secret + " in \"" + text + "\"");
                    break;
                }
            }
        }
        return found;
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node.isTextual()) {
            out.add(node.asText());
        }
        node.forEach(child -> collect(child, out));
        node.fieldNames().forEachRemaining(out::add);
    }
}
