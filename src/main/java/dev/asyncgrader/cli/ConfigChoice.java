package dev.asyncgrader.cli;

import dev.asyncgrader.config.GraderConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --config} option every command shares, and the settings it chooses: the option's file, else the
 * file named by {@code GRADER_CONFIG}, else {@code grader-config/grader.yaml} in the working folder. The
 * settings are read when a command runs (not when it is parsed), so {@code --help} works with a broken file.
 */
final class ConfigChoice {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Settings file (default: $" + GraderConfig.ENV + ", else grader-config/grader.yaml; built-in"
                    + " defaults if that does not exist).")
    Path option;

    private GradingRuntime runtime;

    /** The grading machinery wired from the chosen settings; reads them on first use. */
    GradingRuntime runtime() {
        if (runtime == null) {
            runtime = new GradingRuntime(GraderConfig.choose(option, System.getenv(), System.err));
        }
        return runtime;
    }
}
