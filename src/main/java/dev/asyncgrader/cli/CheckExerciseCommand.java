package dev.asyncgrader.cli;

import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.exercise.VariantSpec;
import dev.asyncgrader.grading.GradeResult;
import dev.asyncgrader.grading.Grader;
import dev.asyncgrader.grading.GradingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * For exercise authors: grades the reference solution several times and every known-wrong variant, and
 * reports any verdict that is flaky or wrong. Exit status 1 if any is.
 */
@Command(name = "check-exercise", description = "Grade an exercise's reference solution N times and its wrong variants; report flaky or wrong verdicts.")
final class CheckExerciseCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", description = "Exercise ids (default: all).")
    List<String> ids = new ArrayList<>();

    @Option(names = "--repeat", defaultValue = "5", description = "Gradings of the reference solution (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--jobs", description = "Gradings at once (default: what this machine takes without hurting timing).")
    Integer jobs;

    @Option(names = "--exercises", description = "Exercises folder (default: ${DEFAULT-VALUE}).", defaultValue = "exercises")
    Path exercisesDir;

    @Override
    public Integer call() throws Exception {
        List<Exercise> exercises = ids.isEmpty()
                ? List.copyOf(ExerciseCatalog.load(exercisesDir).all())
                : ids.stream().map(id -> ExerciseCatalog.loadOne(exercisesDir.resolve(id))).toList();
        Grader grader = GradingRuntime.grader();
        int parallel = jobs != null ? Math.max(1, jobs) : GradingRuntime.defaultJobs();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<ExerciseAudit> audits = new ArrayList<>();
            for (Exercise e : exercises) {
                audits.add(new ExerciseAudit(e, grader, pool, repeat));
            }
            boolean ok = true;
            for (ExerciseAudit a : audits) {
                ok &= a.report();
            }
            System.out.println(ok ? "All verdicts as expected." : "Some verdicts are wrong or flaky (see above).");
            return ok ? 0 : 1;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The gradings of one exercise, submitted at once so that several exercises load the machine together. */
    private static final class ExerciseAudit {
        final Exercise exercise;
        final List<Future<GradeResult>> reference = new ArrayList<>();
        final List<Future<GradeResult>> variants = new ArrayList<>();

        ExerciseAudit(Exercise exercise, Grader grader, ExecutorService pool, int repeat) {
            this.exercise = exercise;
            for (int i = 0; i < repeat; i++) {
                reference.add(pool.submit(() -> grader.grade(exercise, "reference", exercise.solution(), GradingListener.NONE)));
            }
            for (VariantSpec v : exercise.variants().values()) {
                variants.add(pool.submit(() -> grader.grade(exercise, v.name(), v.files(), GradingListener.NONE)));
            }
        }

        boolean report() throws Exception {
            boolean ok = true;
            System.out.printf(Locale.ROOT, "%s (%.1f points)%n", exercise.id(), exercise.maxPoints());
            for (String w : exercise.warnings()) {
                System.out.println("  warning: " + w);
            }
            int full = 0;
            for (Future<GradeResult> f : reference) {
                GradeResult r = f.get();
                if (r.fullMarks()) {
                    full++;
                } else {
                    ok = false;
                    System.out.printf(Locale.ROOT, "  reference: %.1f/%.1f %s: %s%n", r.score(), r.maxScore(),
                            r.status().wireName(), String.join(" | ", r.feedback()));
                }
            }
            System.out.printf(Locale.ROOT, "  %s reference solution: full marks %d/%d%n", full == reference.size() ? "ok  " : "FAIL",
                    full, reference.size());
            if (exercise.variants().isEmpty()) {
                System.out.println("  warning: no wrong variants; add at least a sequential and a hard-coded one");
            }
            int i = 0;
            for (VariantSpec v : exercise.variants().values()) {
                GradeResult r = variants.get(i++).get();
                List<String> passedButMustFail = r.checks().stream()
                        .filter(c -> c.passed() && v.mustFail().contains(c.name()))
                        .map(GradeResult.CheckReport::name)
                        .toList();
                boolean right = !r.fullMarks() && passedButMustFail.isEmpty();
                ok &= right;
                List<String> failed = r.checks().stream().filter(c -> !c.passed()).map(GradeResult.CheckReport::name).toList();
                System.out.printf(Locale.ROOT, "  %s variant %-14s %.1f/%.1f %-13s fails %s%s%n", right ? "ok  " : "FAIL",
                        v.name(), r.score(), r.maxScore(), r.status().wireName(), failed,
                        passedButMustFail.isEmpty() ? "" : "  but passes " + passedButMustFail + " which it must fail");
            }
            return ok;
        }
    }
}
