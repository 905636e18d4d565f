package dev.asyncgrader.sandbox;

import java.nio.file.Path;
import java.util.List;

/**
 * Wraps the student JVM's command line in an isolation layer (an OS sandbox), or leaves it as it is.
 *
 * <p>The launcher builds the plain {@code java ...} command; a wrapper may prefix it (e.g. with
 * {@code bwrap ...}) and must keep {@code runDir} as the program's writable working directory and
 * {@code classesDir} readable.
 */
public interface CommandWrapper {

    /** Returns the command to execute instead of {@code javaCommand}. */
    List<String> wrap(List<String> javaCommand, Path runDir, Path classesDir);

    /** No isolation beyond the process boundary: only for trusted code. */
    CommandWrapper NONE = (javaCommand, runDir, classesDir) -> javaCommand;
}
