package dev.asyncgrader.exercise;

import dev.asyncgrader.expr.Template;

/**
 * Which line groups start and end each task, so a run can be drawn as one bar per task.
 *
 * @param starts the group whose lines start the tasks
 * @param ends the group whose lines end them, paired element by element
 * @param label the bar's label per element; null to use the start line
 */
public record TimelineSpec(String starts, String ends, Template label) {}
