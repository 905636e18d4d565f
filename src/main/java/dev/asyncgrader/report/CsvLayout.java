package dev.asyncgrader.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The column layout of a gradebook CSV: this grader's own, or the one an LMS grade import reads. */
public enum CsvLayout {
    /** {@code student}, then one column per exercise. */
    GENERIC,
    /**
     * Canvas's gradebook import: {@code Student, ID, SIS User ID, SIS Login ID, Section}, one column per assignment,
     * and a second row {@code Points Possible} with each assignment's maximum. The student id goes in {@code SIS
     * Login ID}, one of the columns Canvas matches students by.
     */
    CANVAS,
    /**
     * Moodle's CSV grade import: an identifier column ({@code Username}, mapped to "username" in the import form),
     * then one grade column per exercise, in points, to map to a grade item.
     */
    MOODLE;

    /** The name used on the command line and in the API: {@code canvas}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The layout named {@code wire}; an unknown name lists the known ones. */
    public static CsvLayout of(String wire) {
        for (CsvLayout l : values()) {
            if (l.wireName().equals(wire)) {
                return l;
            }
        }
        throw new IllegalArgumentException("Unknown CSV layout '" + wire + "'; use one of "
                + Arrays.stream(values()).map(CsvLayout::wireName).collect(Collectors.joining(", ")) + ".");
    }
}
