package dev.asyncgrader.config;

/** A configuration or exercise file that cannot be used, with the file and field at fault and what to do. */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
