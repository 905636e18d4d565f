package dev.asyncgrader.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --exercises} option every command that reads exercises shares. */
final class ExercisesFolder {
    @Option(
            names = "--exercises",
            description = "Exercises folder (default: from grader-config/grader.yaml, else exercises).")
    Path option;

    /** The folder: the option if given, else the configuration's. */
    Path in(GradingRuntime runtime) {
        return runtime.exercises(option);
    }
}
