package dev.asyncgrader.exercise;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * An exercise's JUnit 5 test classes, run inside the student's JVM against the submission.
 *
 * @param hidden test sources never shown to students or API clients ({@code tests/hidden/})
 * @param shown test sources students may see and run themselves ({@code tests/public/})
 * @param perTest how long one test may take before it fails (and an endless loop in it is abandoned)
 */
public record UnitTests(Map<String, String> hidden, Map<String, String> shown, Duration perTest) {
    public static final UnitTests NONE = new UnitTests(Map.of(), Map.of(), Duration.ofSeconds(10));

    /** Every test source, hidden and shown. */
    public Map<String, String> all() {
        Map<String, String> all = new TreeMap<>(shown);
        all.putAll(hidden);
        return all;
    }

    /** The test class names (file names without {@code .java}). */
    public java.util.List<String> classNames() {
        return all().keySet().stream()
                .map(f -> f.substring(0, f.length() - ".java".length()))
                .toList();
    }
}
