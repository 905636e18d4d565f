package dev.asyncgrader.grading;

import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.VariantSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * An exercise's self-test: its reference solution graded several times must get full marks every time,
 * and each known-wrong variant must lose points and fail the checks it declares.
 */
public final class ExerciseAudit {
    private final Exercise exercise;
    private final List<Future<GradeResult>> reference = new ArrayList<>();
    private final List<Future<GradeResult>> variants = new ArrayList<>();

    private ExerciseAudit(Exercise exercise) {
        this.exercise = exercise;
    }

    /** Submits all gradings to {@code pool} at once, so that audits of several exercises load the machine together. */
    public static ExerciseAudit start(Exercise exercise, Grader grader, ExecutorService pool, int repeat) {
        ExerciseAudit audit = new ExerciseAudit(exercise);
        for (int i = 0; i < repeat; i++) {
            audit.reference.add(
                    pool.submit(() -> grader.grade(exercise, "reference", exercise.solution(), GradingListener.NONE)));
        }
        for (VariantSpec v : exercise.variants().values()) {
            audit.variants.add(pool.submit(() -> grader.grade(exercise, v.name(), v.files(), GradingListener.NONE)));
        }
        return audit;
    }

    /** Waits for every grading and judges the verdicts. */
    public Report await() throws InterruptedException, ExecutionException {
        List<GradeResult> refs = new ArrayList<>();
        for (Future<GradeResult> f : reference) {
            refs.add(f.get());
        }
        List<VariantVerdict> verdicts = new ArrayList<>();
        int i = 0;
        for (VariantSpec v : exercise.variants().values()) {
            GradeResult r = variants.get(i++).get();
            List<String> passedButMustFail = r.checks().stream()
                    .filter(c -> c.passed() && v.mustFail().contains(c.name()))
                    .map(GradeResult.CheckReport::name)
                    .toList();
            verdicts.add(new VariantVerdict(v.name(), r, passedButMustFail));
        }
        return new Report(exercise, List.copyOf(refs), List.copyOf(verdicts));
    }

    /** The audit's outcome. */
    public record Report(Exercise exercise, List<GradeResult> reference, List<VariantVerdict> variants) {
        public long referenceFullMarks() {
            return reference.stream().filter(GradeResult::fullMarks).count();
        }

        public boolean asExpected() {
            return referenceFullMarks() == reference.size() && variants.stream().allMatch(VariantVerdict::asExpected);
        }
    }

    /**
     * A variant's grading; right when it lost points and failed every check it must fail, by a real verdict
     * (an internal error of the grader proves nothing about the variant).
     */
    public record VariantVerdict(String variant, GradeResult result, List<String> passedButMustFail) {
        public boolean asExpected() {
            return result.status() != GradeStatus.INTERNAL_ERROR && !result.fullMarks() && passedButMustFail.isEmpty();
        }

        public List<String> failedChecks() {
            return result.checks().stream()
                    .filter(c -> !c.passed())
                    .map(GradeResult.CheckReport::name)
                    .toList();
        }
    }
}
