package dev.asyncgrader.grading;

import dev.asyncgrader.exercise.ArgumentDomains;
import dev.asyncgrader.exercise.ArgumentSpec;
import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.VariantSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * An exercise's property-style self-test over its declared argument domains: every argument declares one, the
 * reference solution and every accepted solution ({@code accepted/<name>/}, other readings the prompt allows)
 * get full marks on runs with arguments drawn at random from the domains, and no known-wrong variant makes the
 * grader fail on them. So an exercise cannot punish a reading of its prompt that the published contract allows.
 */
public final class DomainAudit {
    private final Exercise exercise;
    private final List<String> problems = new ArrayList<>();
    private final List<Graded> gradings = new ArrayList<>();

    /** One grading under audit: who, on which runs, and whether it must get full marks. */
    private record Graded(String who, Exercise on, boolean mustBeFull, Future<GradeResult> result) {}

    private DomainAudit(Exercise exercise) {
        this.exercise = exercise;
    }

    /**
     * Submits the gradings to {@code pool}: {@code draws} gradings of the reference, each with two random runs
     * besides the exercise's own, and per accepted solution and variant one such grading (accepted solutions
     * also on the exercise's own runs).
     */
    public static DomainAudit start(Exercise exercise, Grader grader, ExecutorService pool, int draws, Random random) {
        DomainAudit audit = new DomainAudit(exercise);
        if (!ArgumentDomains.declared(exercise.arguments())) {
            audit.problems.add("arguments "
                    + exercise.arguments().stream()
                            .filter(a -> a.domain() == null)
                            .map(ArgumentSpec::name)
                            .toList()
                    + " declare no domain (exercise.yaml: arguments[].domain)");
            return audit;
        }
        if (exercise.arguments().isEmpty()) {
            draws = 0; // nothing to draw: the exercise's own runs are all there is
        }
        List<Exercise> drawn = new ArrayList<>();
        try {
            for (int i = 0; i < Math.max(draws, 1) && !exercise.arguments().isEmpty(); i++) {
                drawn.add(exercise.withRandomRuns(2, random));
            }
        } catch (RuntimeException e) {
            audit.problems.add("cannot draw runs from the declared domains: " + e.getMessage());
            return audit;
        }
        for (Exercise on : drawn) {
            audit.submit(grader, pool, "reference", on, exercise.solution(), true);
        }
        for (Map.Entry<String, Map<String, String>> a :
                exercise.acceptedSolutions().entrySet()) {
            audit.submit(grader, pool, "accepted " + a.getKey(), exercise, a.getValue(), true);
            for (Exercise on : drawn) {
                audit.submit(grader, pool, "accepted " + a.getKey(), on, a.getValue(), true);
            }
        }
        if (!drawn.isEmpty()) {
            for (VariantSpec v : exercise.variants().values()) {
                audit.submit(grader, pool, "variant " + v.name(), drawn.getFirst(), v.files(), false);
            }
        }
        return audit;
    }

    private void submit(
            Grader grader, ExecutorService pool, String who, Exercise on, Map<String, String> files, boolean full) {
        gradings.add(new Graded(who, on, full, pool.submit(() -> grader.grade(on, who, files, GradingListener.NONE))));
    }

    /** Waits for every grading; the problems found, one line each (empty if the exercise passes). */
    public List<String> await() throws InterruptedException, ExecutionException {
        List<String> out = new ArrayList<>(problems);
        for (Graded g : gradings) {
            GradeResult r = g.result().get();
            String runs = g.on().runs().stream()
                    .filter(run -> run.name().startsWith("random-"))
                    .map(run -> run.name() + " " + run.args())
                    .toList()
                    .toString();
            if (r.status() == GradeStatus.INTERNAL_ERROR) {
                out.add(g.who() + " on " + runs + ": the grader failed: " + String.join(" | ", r.feedback()));
            } else if (g.mustBeFull() && !r.fullMarks()) {
                out.add(String.format(
                        java.util.Locale.ROOT,
                        "%s on %s: %.1f/%.1f, %s: %s",
                        g.who(),
                        runs,
                        r.score(),
                        r.maxScore(),
                        r.status().wireName(),
                        String.join(" | ", r.feedback())));
            }
        }
        return out;
    }

    public Exercise exercise() {
        return exercise;
    }
}
