package dev.asyncgrader.exercise;

/** An exercise folder that cannot be used, with the file and field at fault and what to do. */
public final class ExerciseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ExerciseException(String message) {
        super(message);
    }

    public ExerciseException(String message, Throwable cause) {
        super(message, cause);
    }
}
