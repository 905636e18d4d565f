package dev.asyncgrader.sandbox;

import dev.asyncgrader.config.ConfigException;
import dev.asyncgrader.config.GraderConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The start-up decision about isolation: the sandbox if it works on this host; otherwise a refusal to grade
 * untrusted code, unless the configuration explicitly says {@code isolation: none}, which is said loudly.
 */
public final class Sandboxes {
    private Sandboxes() {}

    /** The isolation to grade with, after checking that it works; {@code log} receives warnings. */
    public static Isolation fromConfig(GraderConfig config, PrintStream log) {
        if (config.isolation() == GraderConfig.IsolationMode.NONE) {
            log.println("WARNING: isolation is 'none' (grader-config/grader.yaml): student programs run as this user,"
                    + " can read and write its files and reach the network. Grade only code you trust.");
            return Isolation.NONE;
        }
        GraderConfig.Sandbox s = config.sandbox();
        BubblewrapIsolation sandbox;
        try {
            sandbox = BubblewrapIsolation.create(
                    Path.of(System.getProperty("java.home")),
                    new BubblewrapIsolation.SandboxLimits(
                            s.extraMemoryMb(), s.maxThreads(), s.diskMb(), s.openFiles()));
        } catch (IOException e) {
            throw refusal(Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
        String problem = sandbox.probe();
        if (problem != null) {
            throw refusal(problem);
        }
        return sandbox;
    }

    private static ConfigException refusal(String problem) {
        return new ConfigException(
                "The sandbox does not work on this host (" + problem + "), so the grader refuses to"
                        + " run student code. Install bubblewrap (apt-get install bubblewrap) and check that it may create"
                        + " namespaces; or, for a trusted single-user setup only, set 'isolation: none' in grader-config/grader.yaml.");
    }
}
