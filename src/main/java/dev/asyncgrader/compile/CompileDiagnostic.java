package dev.asyncgrader.compile;

/** One compiler error: where in which file, and javac's message. Line and column are 1-based, 0 if unknown. */
public record CompileDiagnostic(String file, long line, long column, String message) {

    /** The diagnostic as a student reads it: {@code Main.java:12:5: error: ...}. */
    public String describe() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
