package dev.asyncgrader.check;

import dev.asyncgrader.expr.Template;
import java.util.Set;

/**
 * What every check has: its name, its points, the feedback shown when it fails, the runs it applies to, and a
 * title in plain words for students.
 *
 * @param runs names of the runs the check applies to; empty means all
 * @param title what the check asks, in plain words ("All tasks start before any finishes"); the name if none
 */
public record CheckInfo(String name, double points, Template feedback, Set<String> runs, String title) {

    public CheckInfo {
        title = title == null || title.isBlank() ? name : title;
    }

    /** A check without a title of its own: students see its name. */
    public CheckInfo(String name, double points, Template feedback, Set<String> runs) {
        this(name, points, feedback, runs, null);
    }

    public boolean appliesTo(String run) {
        return runs.isEmpty() || runs.contains(run);
    }
}
