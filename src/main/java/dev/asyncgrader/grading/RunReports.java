package dev.asyncgrader.grading;

import dev.asyncgrader.check.ExpectedLine;
import dev.asyncgrader.check.RunEvidence;
import dev.asyncgrader.exercise.RunSpec;
import dev.asyncgrader.exercise.TimelineSpec;
import dev.asyncgrader.sandbox.OutputLine;
import dev.asyncgrader.sandbox.RunOutcome;
import dev.asyncgrader.sandbox.RunTranscript;
import java.util.ArrayList;
import java.util.List;

/** A run's transcript as the result reports it: capped lines in milliseconds, its outcome, its task bars. */
final class RunReports {
    private RunReports() {}

    static GradeResult.RunReport report(RunSpec run, RunTranscript t, RunEvidence evidence, TimelineSpec timeline) {
        long first = t.lines().isEmpty() ? t.endNanos() : t.lines().getFirst().nanos();
        List<GradeResult.Line> lines = t.lines().stream()
                .limit(GradeResult.RunReport.MAX_LINES)
                .map(l -> new GradeResult.Line(
                        (l.nanos() - first) / 1_000_000,
                        l.stream() == OutputLine.Stream.STDOUT ? "out" : "err",
                        l.text()))
                .toList();
        Integer code = t.outcome() instanceof RunOutcome.Exited e ? e.code() : null;
        String outcome = switch (t.outcome()) {
            case RunOutcome.Exited e -> "exited";
            case RunOutcome.TimedOut x -> "timeout";
            case RunOutcome.OutputLimitExceeded x -> "output_limit";
            case RunOutcome.LimitExceeded x -> "limit_exceeded";
            case RunOutcome.FailedToStart x -> "failed_to_start";
        };
        return new GradeResult.RunReport(
                run.name(),
                run.hidden(),
                run.args(),
                outcome,
                code,
                first / 1_000_000,
                Math.max(0, (t.endNanos() - first) / 1_000_000),
                lines,
                t.lines().size() > lines.size(),
                tasks(evidence, timeline, first));
    }

    /** One bar per task from its start line to its end line, where the exercise declares a timeline. */
    private static List<GradeResult.TaskBar> tasks(RunEvidence evidence, TimelineSpec timeline, long firstNanos) {
        if (timeline == null) {
            return List.of();
        }
        List<GradeResult.TaskBar> bars = new ArrayList<>();
        List<ExpectedLine> starts = evidence.group(timeline.starts());
        List<ExpectedLine> ends = evidence.group(timeline.ends());
        for (int k = 0; k < starts.size(); k++) {
            int s = evidence.indexOf(starts.get(k));
            if (s < 0) {
                continue;
            }
            int e = k < ends.size() ? evidence.indexOf(ends.get(k)) : -1;
            String label = timeline.label() == null
                    ? starts.get(k).shown()
                    : timeline.label().render(starts.get(k).element());
            bars.add(new GradeResult.TaskBar(
                    label,
                    (evidence.nanosAt(s) - firstNanos) / 1_000_000,
                    e < 0 ? null : (evidence.nanosAt(e) - firstNanos) / 1_000_000));
        }
        return List.copyOf(bars);
    }
}
