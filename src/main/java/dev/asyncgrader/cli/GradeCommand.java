package dev.asyncgrader.cli;

import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.grading.GradeResult;
import dev.asyncgrader.grading.Grader;
import dev.asyncgrader.grading.GradingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Grades a folder of submissions (one sub-folder per student) into a JSON result file and a CSV gradebook. */
@Command(name = "grade", description = "Grade a folder of submissions (one folder per student) into a gradebook.")
final class GradeCommand implements Callable<Integer> {
    @Option(names = "--exercise", required = true, description = "Exercise id, e.g. finish-order.")
    String exerciseId;

    @Option(names = "--submissions", required = true, description = "Folder with one sub-folder per student.")
    Path submissions;

    @Option(
            names = "--out",
            required = true,
            description = "Result file (JSON); already graded students in it are skipped.")
    Path out;

    @Option(names = "--csv", description = "Gradebook CSV to write: student,score,max,status.")
    Path csv;

    @Option(
            names = "--jobs",
            description = "Submissions graded at once (default: what this machine takes without hurting timing).")
    Integer jobs;

    @Mixin
    ExercisesFolder exercisesFolder;

    @Mixin
    ConfigChoice settings;

    @Override
    public Integer call() throws Exception {
        GradingRuntime runtime = settings.runtime();
        Path exerciseDir = exercisesFolder.in(runtime).resolve(exerciseId);
        if (!Files.isDirectory(exerciseDir)) {
            ExerciseCatalog.load(exercisesFolder.in(runtime))
                    .get(exerciseId); // throws, listing the exercises there are
        }
        Exercise exercise = ExerciseCatalog.loadOne(exerciseDir);
        if (!Files.isDirectory(submissions)) {
            throw new GraderCli.UsageProblem("No submissions folder at " + submissions.toAbsolutePath()
                    + "; it must hold one folder per student with that student's .java files.");
        }
        Gradebook book = Gradebook.open(exercise.id(), out);
        List<SubmissionFolder> todo = SubmissionFolder.in(submissions)
                .filter(s -> !book.has(s.student()))
                .toList();
        int skipped = book.size();
        int parallel = runtime.jobs(jobs);
        System.err.printf(
                Locale.ROOT,
                "Grading %d submission(s) of %s with %d at once%s%n",
                todo.size(),
                exercise.id(),
                parallel,
                skipped > 0 ? " (" + skipped + " already graded in " + out + ")" : "");

        Grader grader = runtime.grader();
        ProgressBar progress = new ProgressBar(System.err, System.console() != null, todo.size());
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<Object>> running = todo.stream()
                    .map(s -> pool.<Object>submit(() -> {
                        GradeResult r = gradeOne(grader, exercise, s);
                        book.put(r);
                        progress.advance(String.format(
                                Locale.ROOT,
                                "%-20s %5.1f/%-5.1f %s",
                                s.student(),
                                r.score(),
                                r.maxScore(),
                                r.status().wireName()));
                        return null;
                    }))
                    .toList();
            for (Future<Object> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        if (csv != null) {
            book.writeCsv(csv);
        }
        System.err.println("Results: " + out + (csv != null ? "  Gradebook: " + csv : ""));
        return 0;
    }

    private static GradeResult gradeOne(Grader grader, Exercise exercise, SubmissionFolder s) throws IOException {
        SubmissionFolder.Sources sources = s.read(exercise);
        if (sources.rejection() != null) {
            return Grader.rejected(exercise, s.student(), sources.rejection());
        }
        return grader.grade(exercise, s.student(), sources.files(), GradingListener.NONE);
    }
}
