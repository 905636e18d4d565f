package dev.asyncgrader.check;

import dev.asyncgrader.fixture.FixtureLog;
import dev.asyncgrader.sandbox.OutputLine;
import dev.asyncgrader.sandbox.RunTranscript;
import dev.asyncgrader.unittest.TestReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run's transcript matched against what the run should print: which stdout line each expected line
 * was found at. Checks read times and order from here.
 */
public final class RunEvidence {
    private final String runName;
    private final RunTranscript transcript;
    private final List<OutputLine> stdout;
    private final List<String> texts; // stdout text after the line prefix; null where the prefix is missing
    private final Map<String, List<ExpectedLine>> groups;
    private final Map<ExpectedLine, Integer> found = new LinkedHashMap<>();
    private final Map<String, Object> variables;
    private final TestReport testReport;
    private final FixtureLog fixtureLog;

    public RunEvidence(
            String runName,
            RunTranscript transcript,
            Map<String, List<ExpectedLine>> groups,
            Pattern linePrefix,
            Map<String, Object> variables) {
        this(runName, transcript, groups, linePrefix, variables, null, null);
    }

    /** Evidence of a run with a test report (test runs) or a fixture log (runs against a fixture). */
    public RunEvidence(
            String runName,
            RunTranscript transcript,
            Map<String, List<ExpectedLine>> groups,
            Pattern linePrefix,
            Map<String, Object> variables,
            TestReport testReport,
            FixtureLog fixtureLog) {
        this.testReport = testReport;
        this.fixtureLog = fixtureLog;
        this.runName = runName;
        this.transcript = transcript;
        this.stdout = transcript.stdout();
        this.groups = groups;
        this.variables = variables;
        this.texts = new ArrayList<>();
        for (OutputLine l : stdout) {
            texts.add(stripPrefix(l.text(), linePrefix));
        }
        match();
    }

    private static String stripPrefix(String text, Pattern prefix) {
        if (prefix == null) {
            return text;
        }
        Matcher m = prefix.matcher(text);
        return m.lookingAt() ? text.substring(m.end()) : null;
    }

    /** Assigns each expected line to the first free stdout line it matches; literal lines before patterns. */
    private void match() {
        boolean[] taken = new boolean[stdout.size()];
        List<ExpectedLine> all = groups.values().stream().flatMap(List::stream).toList();
        List<ExpectedLine> ordered = new ArrayList<>(all);
        ordered.sort(Comparator.comparing(e -> e.text() == null));
        for (ExpectedLine e : ordered) {
            for (int i = 0; i < texts.size(); i++) {
                if (!taken[i] && e.matches(texts.get(i))) {
                    taken[i] = true;
                    found.put(e, i);
                    break;
                }
            }
        }
    }

    /** The verified results of the hidden tests, for test runs; null for program runs. */
    public TestReport testReport() {
        return testReport;
    }

    /** What the run's fixture saw, or null if the exercise has no fixture. */
    public FixtureLog fixtureLog() {
        return fixtureLog;
    }

    public String runName() {
        return runName;
    }

    public RunTranscript transcript() {
        return transcript;
    }

    public Map<String, Object> variables() {
        return variables;
    }

    /** The expected lines of a group (the group exists: exercises are validated at load). */
    public List<ExpectedLine> group(String name) {
        return groups.getOrDefault(name, List.of());
    }

    /** Index in stdout where the expected line was printed, or -1 if it never was. */
    public int indexOf(ExpectedLine line) {
        return found.getOrDefault(line, -1);
    }

    public int stdoutSize() {
        return stdout.size();
    }

    /** The stdout text at {@code index}, as printed. */
    public String textAt(int index) {
        return stdout.get(index).text();
    }

    /** Whether the stdout line at {@code index} was matched by a line of one of {@code groupNames}. */
    public boolean matchedByAny(int index, List<String> groupNames) {
        for (String g : groupNames) {
            for (ExpectedLine e : group(g)) {
                if (indexOf(e) == index) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The arrival stamp of the stdout line at {@code index}, on the transcript's clock. */
    public long nanosAt(int index) {
        return stdout.get(index).nanos();
    }

    /** Seconds from the program's first stdout line to the stdout line at {@code index}. */
    public double secondsAt(int index) {
        return (stdout.get(index).nanos() - stdout.getFirst().nanos()) / 1e9;
    }

    /** Seconds from the program's first stdout line until its process ended. */
    public double secondsToEnd() {
        return (transcript.endNanos() - stdout.getFirst().nanos()) / 1e9;
    }

    public boolean printedNothing() {
        return stdout.isEmpty();
    }

    /** The first expected line of the groups that was never printed, or null. */
    public ExpectedLine firstMissing(List<String> groupNames) {
        for (String g : groupNames) {
            for (ExpectedLine e : group(g)) {
                if (indexOf(e) < 0) {
                    return e;
                }
            }
        }
        return null;
    }
}
