package dev.asyncgrader.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How a student JVM is isolated from the host: an OS sandbox ({@link BubblewrapIsolation}) or nothing
 * beyond the process boundary ({@link #NONE}, for trusted single-user setups only).
 */
public interface Isolation {

    /**
     * Prepares the confinement of one run, e.g. its resource-limit groups; closed after the run.
     *
     * @param network a network namespace to join (a fixture's, e.g. {@code /proc/42/ns/net}), or null for a
     *     network of the run's own with nothing in it
     */
    Confinement confine(Path runDir, Path programDir, RunLimits limits, @Nullable String network) throws IOException;

    /** A short description for start-up messages. */
    String describe();

    /** One run's confinement: the paths the program sees and the command that starts it confined. */
    interface Confinement extends AutoCloseable {

        /** Where the program's folder (its compiled classes and libraries) appears to the program. */
        Path programInside();

        /** The program's working folder as it sees it; {@code runDir} is the host folder made for the run. */
        default Path workDirInside(Path runDir) {
            return runDir;
        }

        /** The command to execute instead of {@code javaCommand}. */
        List<String> wrap(List<String> javaCommand);

        /** A limit the run hit and was killed for (e.g. "memory"), or null. Valid after the process ended. */
        default @Nullable String limitReached() {
            return null;
        }

        @Override
        default void close() throws IOException {}
    }

    /** No isolation: the program runs as the grader's own user and sees what it sees. */
    Isolation NONE = new Isolation() {
        @Override
        public Confinement confine(Path runDir, Path programDir, RunLimits limits, @Nullable String network) {
            if (network != null) {
                throw new UnsupportedOperationException(
                        "exercises with fixtures need the sandbox (isolation: bubblewrap)");
            }
            return new Confinement() {
                @Override
                public Path programInside() {
                    return programDir;
                }

                @Override
                public List<String> wrap(List<String> javaCommand) {
                    return javaCommand;
                }
            };
        }

        @Override
        public String describe() {
            return "none (student code runs as the grader's user)";
        }
    };
}
