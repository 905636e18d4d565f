package dev.asyncgrader.cli;

import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.grading.DomainAudit;
import dev.asyncgrader.grading.ExerciseAudit;
import dev.asyncgrader.grading.GradeResult;
import dev.asyncgrader.grading.Grader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * For exercise authors: grades the reference solution several times and every known-wrong variant, and
 * reports any verdict that is flaky or wrong. Exit status 1 if any is.
 */
@Command(
        name = "check-exercise",
        description =
                "Grade an exercise's reference solution N times and its wrong variants; report flaky or wrong verdicts.")
final class CheckExerciseCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", description = "Exercise ids (default: all).")
    List<String> ids = new ArrayList<>();

    @Option(
            names = "--repeat",
            defaultValue = "5",
            description = "Gradings of the reference solution (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(
            names = "--jobs",
            description = "Gradings at once (default: what this machine takes without hurting timing).")
    Integer jobs;

    @Option(
            names = "--draws",
            defaultValue = "2",
            description = "Gradings of the reference on runs drawn at random from the argument domains, each with"
                    + " two such runs (default: ${DEFAULT-VALUE}; 0 skips the domain audit).")
    int draws;

    @Mixin
    ExercisesFolder exercisesFolder;

    @Mixin
    ConfigChoice settings;

    @Override
    public Integer call() throws Exception {
        GradingRuntime runtime = settings.runtime();
        List<Exercise> exercises = ids.isEmpty()
                ? List.copyOf(ExerciseCatalog.load(exercisesFolder.in(runtime)).all())
                : ids.stream()
                        .map(id -> ExerciseCatalog.loadOne(
                                exercisesFolder.in(runtime).resolve(id)))
                        .toList();
        Grader grader = runtime.grader();
        int parallel = runtime.jobs(jobs);
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<ExerciseAudit> audits = new ArrayList<>();
            List<DomainAudit> domainAudits = new ArrayList<>();
            for (Exercise e : exercises) {
                audits.add(ExerciseAudit.start(e, grader, pool, repeat));
                if (draws > 0) {
                    domainAudits.add(DomainAudit.start(e, grader, pool, draws, new Random()));
                }
            }
            boolean ok = true;
            for (int i = 0; i < audits.size(); i++) {
                ExerciseAudit.Report report = audits.get(i).await();
                print(report);
                ok &= report.asExpected();
                if (draws > 0) {
                    List<String> problems = domainAudits.get(i).await();
                    System.out.println(
                            problems.isEmpty()
                                    ? "  ok   argument domains: reference and accepted solutions full marks on random runs"
                                    : "  FAIL argument domains:");
                    problems.forEach(p -> System.out.println("       " + p));
                    ok &= problems.isEmpty();
                }
            }
            System.out.println(ok ? "All verdicts as expected." : "Some verdicts are wrong or flaky (see above).");
            return ok ? 0 : 1;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void print(ExerciseAudit.Report report) {
        Exercise exercise = report.exercise();
        System.out.printf(Locale.ROOT, "%s (%.1f points)%n", exercise.id(), exercise.maxPoints());
        for (String w : exercise.warnings()) {
            System.out.println("  warning: " + w);
        }
        for (GradeResult r : report.reference()) {
            if (!r.fullMarks()) {
                System.out.printf(
                        Locale.ROOT,
                        "  reference: %.1f/%.1f %s: %s%n",
                        r.score(),
                        r.maxScore(),
                        r.status().wireName(),
                        String.join(" | ", r.feedback()));
            }
        }
        long full = report.referenceFullMarks();
        System.out.printf(
                Locale.ROOT,
                "  %s reference solution: full marks %d/%d%n",
                full == report.reference().size() ? "ok  " : "FAIL",
                full,
                report.reference().size());
        if (report.variants().isEmpty()) {
            System.out.println("  warning: no wrong variants; add at least a sequential and a hard-coded one");
        }
        for (ExerciseAudit.VariantVerdict v : report.variants()) {
            GradeResult r = v.result();
            System.out.printf(
                    Locale.ROOT,
                    "  %s variant %-16s %.1f/%.1f %-13s fails %s%s%n",
                    v.asExpected() ? "ok  " : "FAIL",
                    v.variant(),
                    r.score(),
                    r.maxScore(),
                    r.status().wireName(),
                    v.failedChecks(),
                    v.passedButMustFail().isEmpty()
                            ? ""
                            : "  but passes " + v.passedButMustFail() + " which it must fail");
        }
    }
}
