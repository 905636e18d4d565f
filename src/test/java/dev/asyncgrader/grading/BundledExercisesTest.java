package dev.asyncgrader.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.ExerciseCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every bundled exercise, graded as in production and under load: its reference solution five times and
 * every wrong variant, all with eight gradings at once on this machine. The reference must get full marks
 * every time; each variant must lose points and fail the checks it declares.
 */
class BundledExercisesTest {
    static final int REPEAT = 5;
    static final int AT_ONCE = 8;
    static final ExecutorService POOL = Executors.newFixedThreadPool(AT_ONCE);

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    @TestFactory
    Stream<DynamicNode> everyExercise_referencePassesEveryTime_variantsNever() {
        Grader grader = TestGraders.sandboxed();
        List<Exercise> exercises =
                List.copyOf(ExerciseCatalog.load(Path.of("exercises")).all());
        assertTrue(exercises.size() >= 12, "expected at least 12 bundled exercises, found " + exercises.size());
        List<ExerciseAudit> audits = new ArrayList<>();
        for (Exercise e : exercises) {
            audits.add(ExerciseAudit.start(e, grader, POOL, REPEAT));
        }
        List<DynamicNode> nodes = new ArrayList<>();
        for (int i = 0; i < exercises.size(); i++) {
            Exercise e = exercises.get(i);
            ExerciseAudit audit = audits.get(i);
            nodes.add(DynamicContainer.dynamicContainer(
                    e.id(),
                    Stream.of(
                            DynamicTest.dynamicTest("reference gets full marks " + REPEAT + "/" + REPEAT, () -> {
                                ExerciseAudit.Report report = audit.await();
                                for (GradeResult r : report.reference()) {
                                    assertTrue(
                                            r.fullMarks(),
                                            () -> e.id() + " reference: " + r.score() + "/" + r.maxScore() + " "
                                                    + r.status() + ": " + r.feedback());
                                }
                            }),
                            DynamicTest.dynamicTest("has a sequential and a hard-coded variant", () -> {
                                assertTrue(
                                        e.variants().containsKey("sequential"), e.id() + " lacks variants/sequential");
                                assertTrue(e.variants().containsKey("hardcoded"), e.id() + " lacks variants/hardcoded");
                            }),
                            DynamicTest.dynamicTest("every variant loses points and fails its checks", () -> {
                                for (ExerciseAudit.VariantVerdict v :
                                        audit.await().variants()) {
                                    assertFalse(
                                            v.result().fullMarks(),
                                            e.id() + " variant " + v.variant() + " got full marks");
                                    assertEquals(
                                            List.of(),
                                            v.passedButMustFail(),
                                            e.id() + " variant " + v.variant() + " passes checks it must fail");
                                }
                            }),
                            DynamicTest.dynamicTest(
                                    "no narrow timing margins", () -> assertEquals(List.of(), e.warnings())))));
        }
        return nodes.stream();
    }
}
