package dev.asyncgrader.web;

import dev.asyncgrader.check.Check;
import dev.asyncgrader.exercise.CourseOrder;
import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.RunSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/** What students and LMSs may see of an exercise: never the solution, hidden runs' arguments or variants. */
final class ExerciseViews {
    private static final Parser MARKDOWN = Parser.builder().build();
    private static final HtmlRenderer HTML =
            HtmlRenderer.builder().escapeHtml(true).build();

    private ExerciseViews() {}

    record Summary(String id, String title, double maxPoints, String description, String difficulty) {}

    record Detail(
            String id,
            String title,
            String promptMarkdown,
            String promptHtml,
            Map<String, String> starterFiles,
            Map<String, String> publicTests,
            double maxPoints,
            List<CheckView> checks,
            List<RunView> exampleRuns,
            int hiddenRuns,
            double wallSeconds) {}

    /** A check as students see it listed; {@code title} says it in plain words (the name where none is given). */
    record CheckView(String name, String title, double points) {}

    record RunView(String name, List<String> args) {}

    static Summary summary(Exercise e, Optional<CourseOrder.Entry> course) {
        return new Summary(
                e.id(),
                e.title(),
                e.maxPoints(),
                course.map(CourseOrder.Entry::description).orElse(null),
                course.map(CourseOrder.Entry::difficulty).orElse(null));
    }

    static Detail detail(Exercise e) {
        return new Detail(
                e.id(),
                e.title(),
                e.prompt(),
                HTML.render(MARKDOWN.parse(e.prompt())),
                e.starterFiles(),
                e.unitTests().shown(),
                e.maxPoints(),
                e.checks().stream()
                        .map(Check::info)
                        .map(i -> new CheckView(i.name(), i.title(), i.points()))
                        .toList(),
                e.runs().stream()
                        .filter(r -> !r.hidden())
                        .map(r -> new RunView(r.name(), r.args()))
                        .toList(),
                (int) e.runs().stream().filter(RunSpec::hidden).count(),
                e.limits().wallTime().toMillis() / 1000.0);
    }
}
