package dev.asyncgrader.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asyncgrader.exercise.ArgumentDomains;
import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.web.ResultViews;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    static final ObjectMapper JSON = new ObjectMapper();

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
                                    "no narrow timing margins", () -> assertEquals(List.of(), e.warnings())),
                            noVariantEndsInInternalError(e, audit),
                            declaresEveryArgumentsDomain(e),
                            acceptedSolutionsGetFullMarks(e, grader),
                            studentViewNeverShowsHiddenInputs(e, audit, grader))));
        }
        return nodes.stream();
    }

    /** A variant that loses points because the grader broke proves nothing about the variant. */
    private static DynamicTest noVariantEndsInInternalError(Exercise e, ExerciseAudit audit) {
        return DynamicTest.dynamicTest("no variant ends in internal_error", () -> {
            for (ExerciseAudit.VariantVerdict v : audit.await().variants()) {
                assertNotEquals(
                        GradeStatus.INTERNAL_ERROR,
                        v.result().status(),
                        () -> e.id() + " variant " + v.variant() + ": "
                                + v.result().feedback());
                assertTrue(v.asExpected(), e.id() + " variant " + v.variant());
            }
        });
    }

    /** Hidden runs and tests stay inside the contract the prompt publishes (see docs/authoring.md). */
    private static DynamicTest declaresEveryArgumentsDomain(Exercise e) {
        return DynamicTest.dynamicTest("declares the domain of every argument", () -> {
            assertTrue(ArgumentDomains.declared(e.arguments()), e.id() + ": " + e.arguments());
            for (var run : e.runs()) {
                assertEquals(List.of(), ArgumentDomains.outside(e.arguments(), run.args()), e.id() + " " + run.name());
            }
        });
    }

    /**
     * No hidden run's argument reaches a student: the student view (what REST, SSE and the page show a student)
     * of the reference, every variant, a program hard-coding the example's output and one printing and throwing
     * its own arguments holds none of them, while the instructor's result still has them.
     */
    private static DynamicTest studentViewNeverShowsHiddenInputs(Exercise e, ExerciseAudit audit, Grader grader) {
        Future<GradeResult> thrower =
                POOL.submit(() -> grader.grade(e, "thrower", Map.of("Main.java", ARGS_THROWER), GradingListener.NONE));
        return DynamicTest.dynamicTest("student view never shows a hidden run's arguments", () -> {
            HiddenInputs hidden = HiddenInputs.of(e);
            ExerciseAudit.Report report = audit.await();
            Map<String, GradeResult> graded = new TreeMap<>();
            graded.put("reference", report.reference().getFirst());
            for (ExerciseAudit.VariantVerdict v : report.variants()) {
                graded.put("variant " + v.variant(), v.result());
            }
            graded.put("argument thrower", thrower.get());
            graded.put(
                    "example-only",
                    grader.grade(
                            e,
                            "example-only",
                            Map.of("Main.java", exampleOnly(report.reference().getFirst())),
                            GradingListener.NONE));
            for (var g : graded.entrySet()) {
                JsonNode full = JSON.valueToTree(g.getValue());
                assertEquals(
                        List.of(),
                        hidden.foundIn(ResultViews.forStudent(full)),
                        () -> e.id() + " " + g.getKey() + ": a student sees hidden inputs");
                for (JsonNode check : full.path("checks")) {
                    assertEquals(
                            List.of(),
                            hidden.foundIn(ResultViews.studentCheck(check)),
                            () -> e.id() + " " + g.getKey() + ": a check event shows hidden inputs");
                }
            }
            if (!hidden.values().isEmpty()) {
                String instructorView = JSON.writeValueAsString(graded.get("argument thrower"));
                assertTrue(
                        hidden.values().stream().anyMatch(instructorView::contains),
                        () -> e.id() + ": the instructor's result lost the hidden runs' arguments");
            }
        });
    }

    /** Prints its arguments, and throws an exception naming them: whatever it prints may quote hidden inputs. */
    static final String ARGS_THROWER = """
            public class Main {
                public static void main(String[] args) {
                    String all = String.join(" ", args);
                    System.out.println("my args were " + all);
                    System.err.println("about to fail with " + all);
                    throw new IllegalStateException("my args were " + all);
                }
            }
            """;

    /** A program printing the reference's output on the example run, whatever its arguments. */
    static String exampleOnly(GradeResult reference) {
        StringBuilder prints = new StringBuilder();
        reference.runs().stream().filter(r -> !r.hidden()).findFirst().ifPresent(run -> {
            for (GradeResult.Line line : run.lines()) {
                prints.append("        System.out.println(\"")
                        .append(line.text().replace("\\", "\\\\").replace("\"", "\\\""))
                        .append("\");\n");
            }
        });
        return "public class Main {\n    public static void main(String[] args) {\n" + prints + "    }\n}\n";
    }

    /** Other readings of the prompt that must get full marks, e.g. concurrent-fetch's numeric IDs. */
    private static DynamicTest acceptedSolutionsGetFullMarks(Exercise e, Grader grader) {
        Map<String, Future<GradeResult>> graded = new TreeMap<>();
        e.acceptedSolutions()
                .forEach((name, files) -> graded.put(
                        name, POOL.submit(() -> grader.grade(e, "accepted " + name, files, GradingListener.NONE))));
        return DynamicTest.dynamicTest("accepted solutions " + graded.keySet() + " get full marks", () -> {
            for (var g : graded.entrySet()) {
                GradeResult r = g.getValue().get();
                assertTrue(
                        r.fullMarks(),
                        () -> e.id() + " accepted " + g.getKey() + ": " + r.score() + "/" + r.maxScore() + " "
                                + r.status() + ": " + r.feedback());
            }
        });
    }
}
