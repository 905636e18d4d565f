package dev.asyncgrader.check;

import dev.asyncgrader.expr.Expression;
import dev.asyncgrader.expr.Template;
import java.util.List;

/**
 * One graded property of a run's output, as declared in an exercise. Each kind is a record here, judged by its own
 * {@link CheckKind} (e.g. {@code LinesCheck}), which {@link CheckEvaluator} binds to it with one exhaustive switch.
 */
public sealed interface Check {

    CheckInfo info();

    /** Every expected line of the groups is printed; with {@code exact}, nothing else on stdout. */
    record Lines(CheckInfo info, List<String> groups, boolean exact) implements Check {}

    /** Every line of the {@code first} groups comes before every line of the {@code then} groups. */
    record Before(CheckInfo info, List<String> first, List<String> then) implements Check {}

    /** The group's lines come in the group's own order. */
    record Sequence(CheckInfo info, String group) implements Check {}

    /** The group's lines come in ascending order of {@code by}; values closer than {@code tie} are ties. */
    record Sorted(CheckInfo info, String group, Expression by, double tie) implements Check {}

    /** Each line of the group comes {@code at} seconds after the first line (per element), within tolerance. */
    record At(CheckInfo info, String group, Expression at, Expression wrong) implements Check {}

    /** From the first line to the {@code until} group's last line (or the last line): about {@code expected}. */
    record Duration(CheckInfo info, Expression expected, Expression wrong, String until) implements Check {}

    /** All lines of the group come within {@code within} seconds of each other. */
    record Together(CheckInfo info, String group, double within) implements Check {}

    /** The process ends soon after the group's last line: within {@code within}, or half of {@code wrong}. */
    record EndsAfter(CheckInfo info, String group, Expression wrong, Expression within) implements Check {}

    /** The most elements between their start and end line at once, counted by line order, is in bounds. */
    record InFlight(CheckInfo info, String starts, String ends, Expression atLeast, Expression atMost)
            implements Check {}

    /**
     * A hidden or public JUnit test passes: {@code test} is {@code Class#method}, or {@code Class} for every
     * test of that class. Judged on the signed report of the test run, not on the program's output.
     */
    record UnitTest(CheckInfo info, String test) implements Check {}

    /** The fixture saw at most/at least this many requests open at once (from its own log, by time). */
    record FixtureInFlight(CheckInfo info, Expression atLeast, Expression atMost) implements Check {}

    /** The fixture was asked for every path of {@code paths} (a list expression); with {@code exact}, nothing else. */
    record FixtureRequests(CheckInfo info, Expression paths, boolean exact) implements Check {}

    /** The request for {@code path} was abandoned by the client about {@code at} seconds after it started. */
    record FixtureAbandoned(CheckInfo info, Template path, Expression at, Expression wrong) implements Check {}

    /** The requests for {@code paths} started in that order. */
    record FixtureOrder(CheckInfo info, Expression paths) implements Check {}

    /** The program ends by itself with {@code code}. */
    record Exit(CheckInfo info, int code) implements Check {}
}
