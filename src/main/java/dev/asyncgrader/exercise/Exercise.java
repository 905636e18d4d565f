package dev.asyncgrader.exercise;

import dev.asyncgrader.check.Check;
import dev.asyncgrader.check.ExpectedLine;
import dev.asyncgrader.check.LineGroup;
import dev.asyncgrader.fixture.FixtureSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A validated exercise: what students read, the reference solution, the runs to make and the checks that
 * grade them. Loaded by {@link ExerciseCatalog}.
 *
 * @param cpus the CPU count the student JVM is told it has
 * @param cpuHeavy whether runs compute rather than wait, so each holds a core for its whole length
 * @param linePrefix a regex every stdout line starts with, stripped before matching; null if none
 * @param fixture the simulated service runs talk to, or null
 * @param unitTests JUnit test classes run against the submission, or {@link UnitTests#NONE}
 * @param timeline which lines start and end each task, for the timeline picture; null if not declared
 * @param warnings doubts about the exercise found at load (e.g. timing margins too narrow), for authors
 */
public record Exercise(
        String id,
        Path dir,
        String title,
        String prompt,
        String entryPoint,
        int release,
        int cpus,
        boolean cpuHeavy,
        ExerciseLimits limits,
        Pattern linePrefix,
        List<ArgumentSpec> arguments,
        List<RunSpec> runs,
        Map<String, LineGroup> lines,
        List<Check> checks,
        Map<String, String> solution,
        Map<String, VariantSpec> variants,
        TimelineSpec timeline,
        UnitTests unitTests,
        FixtureSpec fixture,
        List<String> warnings) {

    /** This exercise with the doubts its loader found. */
    Exercise withWarnings(List<String> found) {
        return with(runs, List.copyOf(found));
    }

    /** This exercise with other runs and warnings, all else the same. */
    private Exercise with(List<RunSpec> otherRuns, List<String> otherWarnings) {
        return new Exercise(
                id,
                dir,
                title,
                prompt,
                entryPoint,
                release,
                cpus,
                cpuHeavy,
                limits,
                linePrefix,
                arguments,
                otherRuns,
                lines,
                checks,
                solution,
                variants,
                timeline,
                unitTests,
                fixture,
                otherWarnings);
    }

    /**
     * This exercise graded on other runs: the example runs and {@code count} hidden runs with arguments drawn
     * from the declared domains (named {@code random-1}, ...), for auditing that no reading the prompt allows is
     * punished. Every argument must declare a domain.
     */
    public Exercise withRandomRuns(int count, java.util.Random random) {
        List<RunSpec> drawn = new java.util.ArrayList<>(runs);
        for (int i = 1; i <= count; i++) {
            // Drawn again while a timing check's right and wrong times lie too close to tell apart (the margin
            // rule authors are warned about), as an author choosing hidden runs would.
            RunSpec run = null;
            for (int attempt = 0; attempt < 200; attempt++) {
                run = new RunSpec("random-" + i, ArgumentDomains.draw(arguments, random), true);
                if (ExerciseLoader.runWarnings(this, run).isEmpty()) {
                    break;
                }
            }
            drawn.add(run);
        }
        return with(List.copyOf(drawn), warnings);
    }

    /** Other correct solutions ({@code accepted/<name>/}), by name: readings of the prompt that must get full marks. */
    public Map<String, Map<String, String>> acceptedSolutions() {
        return ExerciseLoader.acceptedSolutions(dir);
    }

    /**
     * Java source the hidden tests are compiled with: the declared argument domains and values drawn from them
     * now, read by the support class {@code Arguments}.
     */
    public String argumentDomainsSource() {
        return ArgumentDomains.testSupportSource(arguments, new java.util.Random());
    }

    public double maxPoints() {
        return checks.stream().mapToDouble(c -> c.info().points()).sum();
    }

    /** The code students begin from, generated from the solution's marked regions. */
    public Map<String, String> starterFiles() {
        Map<String, String> starter = new TreeMap<>();
        solution.forEach((name, text) -> starter.put(name, StarterCode.fromSolution(text)));
        return starter;
    }

    /** The run's arguments bound to the names that expressions use. */
    public Map<String, Object> variables(RunSpec run) {
        Map<String, Object> vars = ArgumentSpec.bind(arguments, run.args());
        if (fixture != null) {
            vars.put("token", "token"); // the grader puts a fresh one for each run
        }
        return vars;
    }

    /** Every expected line of the run, by group name. */
    public Map<String, List<ExpectedLine>> expectedLines(Map<String, Object> variables) {
        Map<String, List<ExpectedLine>> out = new LinkedHashMap<>();
        lines.forEach((name, group) -> out.put(name, group.resolve(variables)));
        return out;
    }
}
