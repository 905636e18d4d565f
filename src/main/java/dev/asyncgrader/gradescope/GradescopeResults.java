package dev.asyncgrader.gradescope;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asyncgrader.check.Check;
import dev.asyncgrader.compile.CompileDiagnostic;
import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.RunSpec;
import dev.asyncgrader.feedback.Messages;
import dev.asyncgrader.grading.CheckResult;
import dev.asyncgrader.grading.GradeResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A grading result as Gradescope's {@code results.json}: the view of a result for a student on Gradescope. Every text
 * a student can see is a student text (never a hidden run's arguments or output); checks that only hidden runs or
 * hidden tests judge get the configured visibility; the whole result is kept in {@code extra_data}, which Gradescope
 * stores for instructors and does not show students.
 *
 * @see <a href="https://gradescope-autograders.readthedocs.io/en/latest/specs/">Gradescope autograder
 *     specifications</a>
 */
public final class GradescopeResults {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GradescopeResults() {}

    /**
     * The results.json of {@code result}, a grading of {@code exercise}: one test per check (titled as the student
     * reads it), the compile errors and the diagnosis in the top-level output.
     *
     * @param hiddenChecks the visibility of checks judged only on hidden runs or by hidden tests
     */
    public static ObjectNode of(Exercise exercise, GradeResult result, Visibility hiddenChecks) {
        ObjectNode out = JSON.createObjectNode();
        out.put("score", result.score());
        out.put("execution_time", executionSeconds(result.gradingMillis()));
        // Plain text: a student's own output or compiler message must never be read as HTML or Markdown.
        out.put("output_format", "text");
        out.put("test_output_format", "text");
        out.put("test_name_format", "text");
        Map<String, Check> checks = exercise.checks().stream()
                .collect(Collectors.toMap(c -> c.info().name(), Function.identity()));
        ArrayNode tests = JSON.createArrayNode();
        Set<String> concealed = new HashSet<>();
        boolean allPassed = true;
        for (GradeResult.CheckReport report : result.checks()) {
            Check check = checks.get(report.name());
            Visibility visibility =
                    check != null && judgedOnlyInHiding(exercise, check) ? hiddenChecks : Visibility.VISIBLE;
            ObjectNode test = tests.addObject();
            test.put("name", check != null ? check.info().title() : report.name());
            test.put("score", report.points());
            test.put("max_score", report.maxPoints());
            test.put("status", report.outcome() == CheckResult.PASSED ? "passed" : "failed");
            test.put("output", testOutput(report));
            test.put("visibility", visibility.wireName());
            allPassed &= report.outcome() == CheckResult.PASSED;
            if (visibility != Visibility.VISIBLE && report.studentFeedback() != null) {
                concealed.add(report.studentFeedback());
            }
        }
        out.put("output", summary(result, concealed, allPassed));
        out.set("tests", tests);
        out.set("extra_data", JSON.createObjectNode().set("result", JSON.valueToTree(result)));
        return out;
    }

    /**
     * The results.json when there is no result to show: the grader itself failed ({@code what}), so the score is 0
     * and the output says so (Gradescope keeps a submission without a results.json as a failure with no reason).
     */
    public static ObjectNode internalError(String what, long elapsedMillis) {
        ObjectNode out = JSON.createObjectNode();
        out.put("score", 0.0);
        out.put("execution_time", executionSeconds(elapsedMillis));
        out.put("output", Messages.internalError(what));
        out.put("output_format", "text");
        out.putArray("tests");
        out.putObject("extra_data").put("internalError", what);
        return out;
    }

    /**
     * The submission's story for its student: compile errors, then the diagnosis (one problem a line) without what
     * checks shown only later say, since the top-level output is always visible.
     */
    private static String summary(GradeResult result, Set<String> concealed, boolean allPassed) {
        List<String> lines = new ArrayList<>();
        for (CompileDiagnostic d : result.compileErrors()) {
            lines.add(d.describe());
        }
        if (!result.compileErrors().isEmpty()) {
            lines.add("");
        }
        result.studentFeedback().stream().filter(f -> !concealed.contains(f)).forEach(lines::add);
        if (allPassed) {
            lines.add(Messages.allPassed());
        } else if (!concealed.isEmpty()) {
            lines.add(Messages.hiddenChecksShownLater());
        }
        return String.join("\n", lines);
    }

    /** What a student reads under a check: its student text, or nothing when it passed. */
    private static String testOutput(GradeResult.CheckReport report) {
        return switch (report.outcome()) {
            case PASSED -> "";
            case FAILED, NOT_RUN -> report.studentFeedback() != null ? report.studentFeedback() : "";
        };
    }

    /**
     * Whether only hidden things judge the check: a hidden test class, or runs that are all hidden. Its title and
     * pass or fail say nothing secret, but an instructor may prefer to show them only when grades are published.
     */
    static boolean judgedOnlyInHiding(Exercise exercise, Check check) {
        if (check instanceof Check.UnitTest test) {
            String testClass = test.test().contains("#")
                    ? test.test().substring(0, test.test().indexOf('#'))
                    : test.test();
            return exercise.unitTests().hidden().containsKey(testClass + ".java");
        }
        List<RunSpec> judged = exercise.runs().stream()
                .filter(r -> check.info().appliesTo(r.name()))
                .toList();
        return !judged.isEmpty() && judged.stream().allMatch(RunSpec::hidden);
    }

    /** Gradescope's execution_time counts whole seconds; a part of a second counts as one. */
    private static long executionSeconds(long millis) {
        return (millis + 999) / 1000;
    }
}
