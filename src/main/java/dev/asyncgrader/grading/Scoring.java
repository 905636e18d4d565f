package dev.asyncgrader.grading;

import dev.asyncgrader.check.Check;
import dev.asyncgrader.compile.CompileDiagnostic;
import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.feedback.Messages;
import java.util.ArrayList;
import java.util.List;

/**
 * The last step of a grading, a pure one: from the checks' reports and the grading's own messages to the score and
 * the feedback, for the instructor and for the student.
 */
final class Scoring {
    private Scoring() {}

    /**
     * What a grading found, before scoring.
     *
     * @param feedback the grading's own messages for the instructor (a run's crash, a void test report), in order
     * @param studentFeedback the same messages for the student
     * @param checks every check's report, in the exercise's order
     */
    record Findings(
            GradeStatus status,
            List<String> feedback,
            List<String> studentFeedback,
            List<CompileDiagnostic> compileErrors,
            List<GradeResult.CheckReport> checks,
            List<GradeResult.RunReport> runs) {}

    /**
     * The findings of a grading in which no check could run: {@code message} says why, once; {@code runs} are those
     * reported before grading ended (an error while the hidden tests ran), usually none.
     */
    static Findings notGraded(
            Exercise exercise,
            GradeStatus status,
            String message,
            List<CompileDiagnostic> compileErrors,
            List<GradeResult.RunReport> runs) {
        List<GradeResult.CheckReport> checks = new ArrayList<>();
        for (Check c : exercise.checks()) {
            checks.add(new GradeResult.CheckReport(
                    c.info().name(), CheckResult.NOT_RUN, false, 0, c.info().points(), null, null, null, false));
        }
        return new Findings(status, List.of(message), List.of(message), compileErrors, checks, List.copyOf(runs));
    }

    /**
     * The result: the points of the passed checks; feedback is the grading's messages, then each failed check's
     * text, or a sentence that all (that ran) passed; each text once.
     *
     * @param gradedAt when the grading ended, as ISO-8601
     * @param millis how long it took
     */
    static GradeResult score(Exercise exercise, String student, Findings findings, String gradedAt, long millis) {
        List<String> feedback = new ArrayList<>(findings.feedback());
        List<String> studentFeedback = new ArrayList<>(findings.studentFeedback());
        for (GradeResult.CheckReport check : findings.checks()) {
            if (check.outcome() == CheckResult.FAILED) {
                feedback.add(check.feedback());
                studentFeedback.add(check.studentFeedback());
            }
        }
        String allPassed = findings.checks().stream().anyMatch(c -> c.outcome() == CheckResult.NOT_RUN)
                ? Messages.allThatRanPassed()
                : Messages.allPassed();
        if (feedback.isEmpty()) {
            feedback.add(allPassed);
        }
        if (studentFeedback.isEmpty()) {
            studentFeedback.add(allPassed);
        }
        double score = findings.checks().stream()
                .mapToDouble(GradeResult.CheckReport::points)
                .sum();
        return new GradeResult(
                exercise.id(),
                student,
                findings.status(),
                score,
                exercise.maxPoints(),
                feedback.stream().distinct().toList(),
                studentFeedback.stream().distinct().toList(),
                List.copyOf(findings.compileErrors()),
                List.copyOf(findings.checks()),
                List.copyOf(findings.runs()),
                gradedAt,
                millis);
    }
}
