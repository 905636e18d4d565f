package dev.asyncgrader.exercise;

import dev.asyncgrader.config.ConfigException;

/** An exercise folder that cannot be used, with the file and field at fault and what to do. */
public final class ExerciseException extends ConfigException {
    private static final long serialVersionUID = 1L;

    public ExerciseException(String message) {
        super(message);
    }

    public ExerciseException(String message, Throwable cause) {
        super(message, cause);
    }
}
