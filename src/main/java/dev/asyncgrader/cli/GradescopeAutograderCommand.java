package dev.asyncgrader.cli;

import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.gradescope.AutograderArchive;
import dev.asyncgrader.gradescope.GraderJars;
import dev.asyncgrader.gradescope.Visibility;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Builds the Gradescope autograder archive of one exercise, carrying this grader's own jars. */
@Command(
        name = "gradescope-autograder",
        description = "Build a Gradescope autograder zip for an exercise (setup.sh, run_autograder, the grader, the"
                + " exercise; graded with isolation: none inside Gradescope's per-submission container).")
final class GradescopeAutograderCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID", description = "Exercise id, e.g. concurrent-fetch.")
    String exerciseId;

    @Option(names = "--out", required = true, paramLabel = "FILE.zip", description = "The archive to write.")
    Path out;

    @Option(
            names = "--hidden-visibility",
            defaultValue = "after_published",
            description = "When students see checks judged only on hidden runs or by hidden tests (hidden,"
                    + " after_due_date, after_published, visible; default after_published).")
    String hiddenVisibility;

    @Mixin
    ExercisesFolder exercisesFolder;

    @Mixin
    ConfigChoice settings;

    @Override
    public Integer call() throws Exception {
        Visibility visibility;
        try {
            visibility = Visibility.of(hiddenVisibility);
        } catch (IllegalArgumentException e) {
            throw new GraderCli.UsageProblem(e.getMessage());
        }
        Path folder = exercisesFolder.in(settings.runtime());
        if (!Files.isDirectory(folder.resolve(exerciseId))) {
            ExerciseCatalog.load(folder).get(exerciseId); // throws, listing the exercises there are
        }
        Exercise exercise = ExerciseCatalog.loadOne(folder.resolve(exerciseId));
        AutograderArchive.write(exercise, GraderJars.ofThisProcess(), visibility, out);
        System.err.println("Gradescope autograder for " + exercise.id() + ": " + out
                + " (upload it as the assignment's autograder; it grades with isolation: none, since Gradescope"
                + " gives every submission its own container)");
        return 0;
    }
}
