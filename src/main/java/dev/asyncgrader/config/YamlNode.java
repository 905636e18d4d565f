package dev.asyncgrader.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A YAML value with its place in the file, so every validation error names file and field, e.g.
 * {@code exercises/timeout/exercise.yaml: checks[2].group: ...}.
 */
public final class YamlNode {
    private final String file;
    private final String path;
    private final @Nullable JsonNode value;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Reads a YAML file; {@code shownAs} is how errors name it (a path relative to the project). */
    public static YamlNode read(Path file, String shownAs) {
        try {
            return new YamlNode(shownAs, "", YAML.readTree(file.toFile()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var at = e.getLocation();
            throw new ConfigException(
                    shownAs + ": cannot be read as YAML: "
                            + e.getOriginalMessage().lines().findFirst().orElse("")
                            + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"),
                    e);
        } catch (IOException e) {
            throw new ConfigException(shownAs + ": cannot be read as YAML: " + e.getMessage(), e);
        }
    }

    private YamlNode(String file, String path, @Nullable JsonNode value) {
        this.file = file;
        this.path = path;
        this.value = value;
    }

    /** The value, present: callers have checked {@link #present()} or want "is required" said otherwise. */
    private JsonNode node() {
        JsonNode v = value;
        if (v == null) {
            throw error("is required");
        }
        return v;
    }

    public ConfigException error(String what) {
        return new ConfigException(file + ": " + (path.isEmpty() ? "" : path + ": ") + what);
    }

    public boolean has(String field) {
        return value != null && value.has(field) && !value.get(field).isNull();
    }

    public YamlNode get(String field) {
        return new YamlNode(file, path.isEmpty() ? field : path + "." + field, value == null ? null : value.get(field));
    }

    public boolean present() {
        return value != null && !value.isNull();
    }

    /** Rejects fields this object does not know, so a typo never silently drops a setting. */
    public void onlyFields(Set<String> known) {
        if (value == null || !value.isObject()) {
            throw error("must be a mapping of fields");
        }
        for (Iterator<String> it = node().fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw error("unknown field '" + f + "'; known fields: "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    public String text() {
        if (!present()) {
            throw error("is required");
        }
        if (!node().isValueNode()) {
            throw error("must be text, not a " + (node().isArray() ? "list" : "mapping"));
        }
        return node().asText();
    }

    public String text(String fallback) {
        return present() ? text() : fallback;
    }

    /** The text, or null when the field is absent. */
    public @Nullable String optionalText() {
        return present() ? text() : null;
    }

    public double number(double fallback) {
        if (!present()) {
            return fallback;
        }
        if (!node().isNumber()) {
            throw error("must be a number, not '" + node().asText() + "'");
        }
        return node().asDouble();
    }

    public int integer(int fallback) {
        double d = number(fallback);
        if (d != Math.rint(d)) {
            throw error("must be a whole number");
        }
        return (int) d;
    }

    public boolean bool(boolean fallback) {
        if (!present()) {
            return fallback;
        }
        if (!node().isBoolean()) {
            throw error("must be true or false");
        }
        return node().asBoolean();
    }

    public List<YamlNode> list() {
        if (!present()) {
            return List.of();
        }
        if (!node().isArray()) {
            throw error("must be a list");
        }
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < node().size(); i++) {
            out.add(new YamlNode(file, path + "[" + i + "]", node().get(i)));
        }
        return out;
    }

    public List<String> texts() {
        return list().stream().map(YamlNode::text).toList();
    }

    /** The entries of a mapping, each as a node named by its key. */
    public List<Entry> entries() {
        if (!present()) {
            return List.of();
        }
        if (!node().isObject()) {
            throw error("must be a mapping");
        }
        List<Entry> out = new ArrayList<>();
        node().fieldNames().forEachRemaining(k -> out.add(new Entry(k, get(k))));
        return out;
    }

    public record Entry(String key, YamlNode node) {}
}
