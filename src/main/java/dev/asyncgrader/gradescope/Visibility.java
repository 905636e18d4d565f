package dev.asyncgrader.gradescope;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** When Gradescope shows a test case to the student, as its {@code visibility} field says. */
public enum Visibility {
    /** Never shown to students. */
    HIDDEN,
    /** Shown after the due date (the late due date where late work is allowed). */
    AFTER_DUE_DATE,
    /** Shown once the instructor publishes the grades. */
    AFTER_PUBLISHED,
    /** Always shown. */
    VISIBLE;

    /** The name in results.json: {@code after_published}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The visibility named {@code wire} ({@code after_published}); an unknown name lists the known ones. */
    public static Visibility of(String wire) {
        for (Visibility v : values()) {
            if (v.wireName().equals(wire)) {
                return v;
            }
        }
        throw new IllegalArgumentException("Unknown Gradescope visibility '" + wire + "'; use one of "
                + Arrays.stream(values()).map(Visibility::wireName).collect(Collectors.joining(", ")) + ".");
    }
}
