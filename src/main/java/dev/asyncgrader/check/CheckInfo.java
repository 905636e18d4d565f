package dev.asyncgrader.check;

import dev.asyncgrader.expr.Template;
import java.util.Set;

/**
 * What every check has: its name, its points, the feedback shown when it fails, and the runs it applies to.
 *
 * @param runs names of the runs the check applies to; empty means all
 */
public record CheckInfo(String name, double points, Template feedback, Set<String> runs) {

    public boolean appliesTo(String run) {
        return runs.isEmpty() || runs.contains(run);
    }
}
