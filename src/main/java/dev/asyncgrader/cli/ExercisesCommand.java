package dev.asyncgrader.cli;

import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.ExerciseCatalog;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Lists the exercises, validating every one of them on the way. */
@Command(name = "exercises", description = "List (and validate) the exercises.")
final class ExercisesCommand implements Runnable {
    @Option(
            names = "--exercises",
            description = "Exercises folder (default: from grader-config/grader.yaml, else exercises).")
    Path exercisesDir;

    private final GradingRuntime runtime = GradingRuntime.fromDefaultConfig();

    @Override
    public void run() {
        for (Exercise e : ExerciseCatalog.load(runtime.exercises(exercisesDir)).all()) {
            System.out.printf(
                    Locale.ROOT,
                    "%-22s %5.1f points  %d runs  %s%n",
                    e.id(),
                    e.maxPoints(),
                    e.runs().size(),
                    e.title());
            for (String w : e.warnings()) {
                System.out.println("    warning: " + w);
            }
        }
    }
}
