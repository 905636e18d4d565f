package dev.asyncgrader.exercise;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A YAML value with its place in the file, so every validation error names file and field, e.g.
 * {@code exercises/timeout/exercise.yaml: checks[2].group: ...}.
 */
final class Node {
    private final String file;
    private final String path;
    private final JsonNode value;

    Node(String file, String path, JsonNode value) {
        this.file = file;
        this.path = path;
        this.value = value;
    }

    ExerciseException error(String what) {
        return new ExerciseException(file + ": " + (path.isEmpty() ? "" : path + ": ") + what);
    }

    boolean has(String field) {
        return value != null && value.has(field) && !value.get(field).isNull();
    }

    Node get(String field) {
        return new Node(file, path.isEmpty() ? field : path + "." + field, value == null ? null : value.get(field));
    }

    boolean present() {
        return value != null && !value.isNull();
    }

    /** Rejects fields this object does not know, so a typo never silently drops a setting. */
    void onlyFields(Set<String> known) {
        if (value == null || !value.isObject()) {
            throw error("must be a mapping of fields");
        }
        for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw error("unknown field '" + f + "'; known fields: " + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    String text() {
        if (!present()) {
            throw error("is required");
        }
        if (!value.isValueNode()) {
            throw error("must be text, not a " + (value.isArray() ? "list" : "mapping"));
        }
        return value.asText();
    }

    String text(String fallback) {
        return present() ? text() : fallback;
    }

    double number(double fallback) {
        if (!present()) {
            return fallback;
        }
        if (!value.isNumber()) {
            throw error("must be a number, not '" + value.asText() + "'");
        }
        return value.asDouble();
    }

    int integer(int fallback) {
        double d = number(fallback);
        if (d != Math.rint(d)) {
            throw error("must be a whole number");
        }
        return (int) d;
    }

    boolean bool(boolean fallback) {
        if (!present()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw error("must be true or false");
        }
        return value.asBoolean();
    }

    List<Node> list() {
        if (!present()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw error("must be a list");
        }
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            out.add(new Node(file, path + "[" + i + "]", value.get(i)));
        }
        return out;
    }

    List<String> texts() {
        return list().stream().map(Node::text).toList();
    }

    /** The entries of a mapping, each as a node named by its key. */
    List<Entry> entries() {
        if (!present()) {
            return List.of();
        }
        if (!value.isObject()) {
            throw error("must be a mapping");
        }
        List<Entry> out = new ArrayList<>();
        value.fieldNames().forEachRemaining(k -> out.add(new Entry(k, get(k))));
        return out;
    }

    record Entry(String key, Node node) {}
}
