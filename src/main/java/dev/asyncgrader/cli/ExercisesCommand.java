package dev.asyncgrader.cli;

import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.ExerciseCatalog;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Lists the exercises, validating every one of them on the way. */
@Command(name = "exercises", description = "List (and validate) the exercises.")
final class ExercisesCommand implements Runnable {

    @Mixin
    ExercisesFolder exercisesFolder;

    @Mixin
    ConfigChoice settings;

    @Override
    public void run() {
        GradingRuntime runtime = settings.runtime();
        for (Exercise e : ExerciseCatalog.load(exercisesFolder.in(runtime)).all()) {
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
