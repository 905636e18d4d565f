package dev.asyncgrader.exercise;

import java.util.ArrayList;
import java.util.List;

/**
 * Derives the code students start from out of a reference solution, nbgrader-style: each region between
 * {@code // BEGIN SOLUTION} and {@code // END SOLUTION} is replaced by its {@code // STARTER:} lines, or
 * by a TODO comment.
 */
public final class StarterCode {
    static final String BEGIN = "// BEGIN SOLUTION";
    static final String END = "// END SOLUTION";
    static final String STARTER = "// STARTER:";

    private StarterCode() {}

    /** The starter version of one solution file; throws if its markers are unbalanced. */
    public static String fromSolution(String solution) {
        List<String> out = new ArrayList<>();
        List<String> starterLines = null;
        String indent = "";
        int lineNo = 0;
        for (String line : solution.split("\n", -1)) {
            lineNo++;
            String trimmed = line.strip();
            if (trimmed.equals(BEGIN)) {
                if (starterLines != null) {
                    throw new IllegalArgumentException(
                            "line " + lineNo + ": '" + BEGIN + "' inside another solution region");
                }
                starterLines = new ArrayList<>();
                indent = line.substring(0, line.indexOf('/'));
            } else if (trimmed.equals(END)) {
                if (starterLines == null) {
                    throw new IllegalArgumentException("line " + lineNo + ": '" + END + "' without a '" + BEGIN + "'");
                }
                out.addAll(starterLines.isEmpty() ? List.of(indent + "// TODO: write your code here") : starterLines);
                starterLines = null;
            } else if (starterLines != null) {
                if (trimmed.startsWith(STARTER)) {
                    String code = trimmed.substring(STARTER.length());
                    starterLines.add(
                            line.substring(0, line.indexOf('/')) + (code.startsWith(" ") ? code.substring(1) : code));
                }
            } else {
                out.add(line);
            }
        }
        if (starterLines != null) {
            throw new IllegalArgumentException("a '" + BEGIN + "' region is never closed with '" + END + "'");
        }
        return String.join("\n", out);
    }
}
