package dev.asyncgrader.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asyncgrader.config.ConfigException;
import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.gradescope.GradescopeResults;
import dev.asyncgrader.gradescope.Visibility;
import dev.asyncgrader.grading.GradeResult;
import dev.asyncgrader.grading.GradeStatus;
import dev.asyncgrader.grading.Grader;
import dev.asyncgrader.grading.GradingListener;
import dev.asyncgrader.report.CsvLayout;
import dev.asyncgrader.report.GradebookCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Grades a folder of submissions (one sub-folder per student) into a JSON result file and a CSV gradebook, or one
 * submission into Gradescope's results.json.
 */
@Command(
        name = "grade",
        description = "Grade a folder of submissions (one folder per student) into a gradebook; with --format"
                + " gradescope, one submission folder into Gradescope's results.json.")
final class GradeCommand implements Callable<Integer> {
    /** What {@code --out} receives. */
    enum Format {
        /** The batch's results, resumable ({@code {"exercise": ID, "submissions": [...]}}). */
        json,
        /** Gradescope's results.json for the one submission in {@code --submissions}. */
        gradescope,
        /** The gradebook CSV only. */
        csv
    }

    @Option(names = "--exercise", required = true, description = "Exercise id, e.g. finish-order.")
    String exerciseId;

    @Option(names = "--submissions", required = true, description = "Folder with one sub-folder per student.")
    Path submissions;

    @Option(
            names = "--out",
            required = true,
            description = "Result file: the batch's JSON (already graded students in it are skipped), Gradescope's"
                    + " results.json, or the gradebook CSV, as --format says.")
    Path out;

    @Option(
            names = "--format",
            defaultValue = "json",
            description = "What --out receives: json (default), gradescope or csv.")
    Format format;

    @Option(
            names = "--hidden-visibility",
            defaultValue = "after_published",
            description = "With --format gradescope: when students see checks judged only on hidden runs or by hidden"
                    + " tests (hidden, after_due_date, after_published, visible; default after_published).")
    String hiddenVisibility;

    @Option(
            names = "--student",
            defaultValue = "submission",
            description = "With --format gradescope: the student id written in the result.")
    String student;

    @Option(
            names = "--gradescope-metadata",
            paramLabel = "FILE",
            description = "With --format gradescope: Gradescope's submission_metadata.json; the student id is then the"
                    + " submitters' emails (joined by ',').")
    Path gradescopeMetadata;

    @Option(names = "--csv", description = "Gradebook CSV to write beside the JSON, in the --csv-format layout.")
    Path csv;

    @Option(
            names = "--csv-format",
            defaultValue = "generic",
            description =
                    "Gradebook CSV layout: generic (student,score,max,status; default), canvas (Canvas's gradebook"
                            + " import) or moodle (Moodle's CSV grade import).")
    String csvFormat;

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
        if (format == Format.gradescope) {
            return gradescope();
        }
        GradingRuntime runtime = settings.runtime();
        CsvLayout layout;
        try {
            layout = CsvLayout.of(csvFormat);
        } catch (IllegalArgumentException e) {
            throw new GraderCli.UsageProblem(e.getMessage());
        }
        Exercise exercise = exercise(runtime);
        if (!Files.isDirectory(submissions)) {
            throw new GraderCli.UsageProblem("No submissions folder at " + submissions.toAbsolutePath()
                    + "; it must hold one folder per student with that student's .java files.");
        }
        Gradebook book = format == Format.csv ? Gradebook.inMemory(exercise.id()) : Gradebook.open(exercise.id(), out);
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
        GradebookCsv.Column column = new GradebookCsv.Column(exercise.id(), exercise.title(), exercise.maxPoints());
        if (format == Format.csv) {
            book.writeCsv(out, layout, column);
        } else if (csv != null) {
            book.writeCsv(csv, layout, column);
        }
        System.err.println("Results: " + out + (csv != null ? "  Gradebook: " + csv : ""));
        return 0;
    }

    /**
     * Who submitted: the emails in Gradescope's metadata (a group has several), else {@code --student}. Unreadable
     * metadata costs only the name, never the grading.
     */
    private String submitters() {
        if (gradescopeMetadata == null || !Files.isRegularFile(gradescopeMetadata)) {
            return student;
        }
        try {
            List<String> emails = new ArrayList<>();
            for (JsonNode user :
                    Gradebook.JSON.readTree(gradescopeMetadata.toFile()).path("users")) {
                String id = user.path("email").asText(user.path("id").asText(""));
                if (!id.isBlank()) {
                    emails.add(id);
                }
            }
            return emails.isEmpty() ? student : String.join(",", emails);
        } catch (IOException e) {
            System.err.println("async-grader: " + gradescopeMetadata + " is not readable JSON (" + e.getMessage()
                    + "); grading as '" + student + "'");
            return student;
        }
    }

    private Visibility visibility() {
        try {
            return Visibility.of(hiddenVisibility);
        } catch (IllegalArgumentException e) {
            throw new GraderCli.UsageProblem(e.getMessage());
        }
    }

    private Exercise exercise(GradingRuntime runtime) throws IOException {
        Path exerciseDir = exercisesFolder.in(runtime).resolve(exerciseId);
        if (!Files.isDirectory(exerciseDir)) {
            ExerciseCatalog.load(exercisesFolder.in(runtime))
                    .get(exerciseId); // throws, listing the exercises there are
        }
        return ExerciseCatalog.loadOne(exerciseDir);
    }

    /**
     * Grades the one submission in {@code --submissions} into Gradescope's results.json. The file is written whatever
     * happens (a missing exercise, a sandbox that does not start): Gradescope shows a submission without one as a
     * bare failure, so a problem becomes a score of 0 with the reason. Exit status 1 says the grader failed.
     */
    private Integer gradescope() throws IOException {
        long start = System.nanoTime();
        ObjectNode results;
        boolean failed;
        try {
            Visibility hidden = visibility();
            GradingRuntime runtime = settings.runtime();
            Exercise exercise = exercise(runtime);
            if (!Files.isDirectory(submissions)) {
                throw new GraderCli.UsageProblem("No submission folder at " + submissions.toAbsolutePath());
            }
            String who = submitters();
            // Gradescope keeps an upload's folders (a zip of a folder, a repository): look into them.
            SubmissionFolder.Sources sources = new SubmissionFolder(who, submissions).readTree(exercise);
            GradeResult r = sources.rejection() != null
                    ? Grader.rejected(exercise, who, sources.rejection())
                    : runtime.grader().grade(exercise, who, sources.files(), GradingListener.NONE);
            System.err.printf(
                    Locale.ROOT,
                    "%s: %.1f/%.1f %s%n",
                    who,
                    r.score(),
                    r.maxScore(),
                    r.status().wireName());
            results = GradescopeResults.of(exercise, r, hidden);
            failed = r.status() == GradeStatus.INTERNAL_ERROR;
        } catch (Exception e) {
            String what =
                    e instanceof ConfigException || e instanceof GraderCli.UsageProblem ? e.getMessage() : e.toString();
            System.err.println("async-grader: " + what);
            results = GradescopeResults.internalError(what, (System.nanoTime() - start) / 1_000_000);
            failed = true;
        }
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".results-", ".json");
        Gradebook.JSON.writeValue(tmp.toFile(), results);
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.err.println("Results: " + out);
        return failed ? 1 : 0;
    }

    private static GradeResult gradeOne(Grader grader, Exercise exercise, SubmissionFolder s) throws IOException {
        SubmissionFolder.Sources sources = s.read(exercise);
        if (sources.rejection() != null) {
            return Grader.rejected(exercise, s.student(), sources.rejection());
        }
        return grader.grade(exercise, s.student(), sources.files(), GradingListener.NONE);
    }
}
