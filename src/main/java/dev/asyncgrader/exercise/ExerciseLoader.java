package dev.asyncgrader.exercise;

import dev.asyncgrader.check.Check;
import dev.asyncgrader.check.CheckEvaluator;
import dev.asyncgrader.check.CheckInfo;
import dev.asyncgrader.check.CheckShape;
import dev.asyncgrader.check.ExpectedLine;
import dev.asyncgrader.check.LineGroup;
import dev.asyncgrader.check.Rehearsal;
import dev.asyncgrader.config.YamlNode;
import dev.asyncgrader.expr.Expression;
import dev.asyncgrader.expr.ExpressionException;
import dev.asyncgrader.expr.Template;
import dev.asyncgrader.fixture.FixtureRoutes;
import dev.asyncgrader.fixture.FixtureSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/** Reads and validates one exercise folder; every problem is reported with its file and field. */
final class ExerciseLoader {
    static final String FILE = "exercise.yaml";
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
    private static final Pattern EACH = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s+in\\s+(.+)");

    private ExerciseLoader() {}

    static Exercise load(Path dir) {
        String id = dir.getFileName().toString();
        Path yamlFile = dir.resolve(FILE);
        String fileName = "exercises/" + id + "/" + FILE;
        if (!ID.matcher(id).matches()) {
            throw new ExerciseException(
                    "exercises/" + id + ": an exercise folder name must be lower-case letters, digits and dashes");
        }
        if (!Files.isRegularFile(yamlFile)) {
            throw new ExerciseException(
                    fileName + ": is missing; every exercise folder needs one (see docs/authoring.md)");
        }
        YamlNode root = YamlNode.read(yamlFile, fileName);
        root.onlyFields(Set.of(
                "title",
                "entryPoint",
                "release",
                "cpus",
                "limits",
                "linePrefix",
                "arguments",
                "runs",
                "lines",
                "checks",
                "variants",
                "timeline",
                "cpuHeavy",
                "fixture"));

        String title = root.get("title").text();
        String entryPoint = root.get("entryPoint").text("Main");
        int release = root.get("release").integer(21);
        if (release < 17 || release > Runtime.version().feature()) {
            throw root.get("release")
                    .error("must be between 17 and " + Runtime.version().feature() + " (the grader's JDK)");
        }
        int cpus = root.get("cpus").integer(4);
        if (cpus < 1 || cpus > 64) {
            throw root.get("cpus").error("must be between 1 and 64");
        }
        ExerciseLimits limits = limits(root.get("limits"));
        Pattern linePrefix = root.has("linePrefix")
                ? regex(root.get("linePrefix"), root.get("linePrefix").text())
                : null;

        List<ArgumentSpec> arguments = arguments(root.get("arguments"));
        List<RunSpec> runs = runs(root.get("runs"));
        Map<String, LineGroup> lines = lineGroups(root.get("lines"));
        List<Check> checks = new ArrayList<>();
        Set<String> checkNames = new HashSet<>();
        Set<String> runNames = new HashSet<>(runs.stream().map(RunSpec::name).toList());
        for (YamlNode c : root.get("checks").list()) {
            Check check = check(c, lines.keySet(), runNames);
            if (!checkNames.add(check.info().name())) {
                throw c.get("name")
                        .error("another check is already named '" + check.info().name() + "'");
            }
            checks.add(check);
        }
        if (checks.isEmpty()) {
            throw root.get("checks").error("an exercise needs at least one check");
        }

        Map<String, String> solution = javaFiles(dir.resolve("solution"), fileName.replace(FILE, "solution/"));
        for (var e : solution.entrySet()) {
            try {
                StarterCode.fromSolution(e.getValue());
            } catch (IllegalArgumentException ex) {
                throw new ExerciseException("exercises/" + id + "/solution/" + e.getKey() + ": " + ex.getMessage());
            }
        }
        String prompt = withDomains(
                read(dir.resolve("prompt.md"), "exercises/" + id + "/prompt.md"),
                arguments,
                "exercises/" + id + "/prompt.md");
        for (int r = 0; r < runs.size(); r++) {
            List<String> outside =
                    ArgumentDomains.outside(arguments, runs.get(r).args());
            if (!outside.isEmpty()) {
                throw root.get("runs")
                        .list()
                        .get(r)
                        .get("args")
                        .error("steps outside the declared argument domains: " + String.join("; ", outside));
            }
        }
        Map<String, VariantSpec> variants = variants(root.get("variants"), dir, checkNames);
        TimelineSpec timeline = timeline(root.get("timeline"), lines.keySet());
        UnitTests unitTests = unitTests(dir, root, checks);
        FixtureSpec fixture = fixture(root.get("fixture"));
        if (fixture == null && checks.stream().anyMatch(CheckEvaluator::needsFixture)) {
            throw root.get("checks").error("fixture checks need a 'fixture' (the simulated service) in the exercise");
        }

        Exercise exercise = new Exercise(
                id,
                dir,
                title,
                prompt,
                entryPoint,
                release,
                cpus,
                root.get("cpuHeavy").bool(false),
                limits,
                linePrefix,
                arguments,
                runs,
                lines,
                List.copyOf(checks),
                solution,
                variants,
                timeline,
                unitTests,
                fixture,
                List.of());
        return exercise.withWarnings(rehearse(exercise, root));
    }

    private static FixtureSpec fixture(YamlNode n) {
        if (!n.present()) {
            return null;
        }
        n.onlyFields(Set.of("port", "routes"));
        int port = n.get("port").integer(8080);
        if (port < 1024 || port > 65535) {
            throw n.get("port")
                    .error("must be from 1024 to 65535 (the fixture runs unprivileged in the run's own network)");
        }
        List<FixtureSpec.Route> routes = new ArrayList<>();
        for (YamlNode r : n.get("routes").list()) {
            r.onlyFields(Set.of("path", "latencyMs", "body"));
            FixtureSpec.Route route = new FixtureSpec.Route(
                    r.get("path").text(),
                    r.get("latencyMs").text("0"),
                    r.get("body").text(""));
            if (!route.path().startsWith("/")) {
                throw r.get("path").error("must start with '/', e.g. /posts/{n}");
            }
            try {
                FixtureRoutes.validate(route);
            } catch (ExpressionException e) {
                throw r.error(e.getMessage());
            }
            routes.add(route);
        }
        if (routes.isEmpty()) {
            throw n.get("routes").error("a fixture needs at least one route");
        }
        return new FixtureSpec(port, List.copyOf(routes));
    }

    /** The test classes in tests/hidden and tests/public; every test check must name one of them. */
    private static UnitTests unitTests(Path dir, YamlNode root, List<Check> checks) {
        String where = "exercises/" + dir.getFileName() + "/tests/";
        Map<String, String> hidden = Files.isDirectory(dir.resolve("tests/hidden"))
                ? javaFiles(dir.resolve("tests/hidden"), where + "hidden/")
                : Map.of();
        Map<String, String> shown = Files.isDirectory(dir.resolve("tests/public"))
                ? javaFiles(dir.resolve("tests/public"), where + "public/")
                : Map.of();
        double seconds = root.get("limits")
                .get("testSeconds")
                .number(UnitTests.NONE.perTest().toSeconds());
        UnitTests tests = new UnitTests(hidden, shown, Duration.ofMillis((long) (seconds * 1000)));
        List<YamlNode> nodes = root.get("checks").list();
        for (int i = 0; i < checks.size(); i++) {
            if (checks.get(i) instanceof Check.UnitTest t) {
                String className =
                        t.test().contains("#") ? t.test().substring(0, t.test().indexOf('#')) : t.test();
                if (!tests.classNames().contains(className)) {
                    throw nodes.get(i)
                            .get("test")
                            .error("no test class '" + className + "' in " + where + "hidden/ or " + where
                                    + "public/; classes: " + tests.classNames());
                }
            }
        }
        return tests;
    }

    private static TimelineSpec timeline(YamlNode n, Set<String> groups) {
        if (!n.present()) {
            return null;
        }
        n.onlyFields(Set.of("starts", "ends", "label"));
        return new TimelineSpec(
                group(n.get("starts"), groups),
                group(n.get("ends"), groups),
                n.has("label") ? template(n.get("label")) : null);
    }

    private static ExerciseLimits limits(YamlNode n) {
        if (!n.present()) {
            return ExerciseLimits.DEFAULT;
        }
        n.onlyFields(Set.of("wallSeconds", "memoryMb", "outputLines", "outputKb", "testSeconds"));
        ExerciseLimits d = ExerciseLimits.DEFAULT;
        double wall = n.get("wallSeconds").number(d.wallTime().toMillis() / 1000.0);
        int memory = n.get("memoryMb").integer(d.memoryMb());
        int outLines = n.get("outputLines").integer(d.outputLines());
        int outKb = n.get("outputKb").integer((int) (d.outputBytes() / 1024));
        if (wall <= 0 || wall > 600) {
            throw n.get("wallSeconds").error("must be between 0 and 600 seconds");
        }
        if (memory < 32 || memory > 4096) {
            throw n.get("memoryMb").error("must be between 32 and 4096");
        }
        if (outLines < 1 || outKb < 1) {
            throw n.error("output limits must be positive");
        }
        return new ExerciseLimits(Duration.ofMillis((long) (wall * 1000)), memory, outLines, outKb * 1024L);
    }

    private static List<ArgumentSpec> arguments(YamlNode n) {
        List<ArgumentSpec> out = new ArrayList<>();
        List<YamlNode> list = n.list();
        for (int i = 0; i < list.size(); i++) {
            YamlNode a = list.get(i);
            a.onlyFields(Set.of(
                    "name", "rest", "pattern", "label", "about", "domain", "count", "distinct", "where", "says"));
            String name = a.get("name").text();
            boolean rest = a.get("rest").bool(false);
            if (rest && i != list.size() - 1) {
                throw a.get("rest").error("only the last argument can take the rest");
            }
            Pattern pattern =
                    a.has("pattern") ? regex(a.get("pattern"), a.get("pattern").text()) : null;
            List<String> fields = new ArrayList<>();
            if (pattern != null) {
                Matcher m = NAMED_GROUP.matcher(pattern.pattern());
                while (m.find()) {
                    fields.add(m.group(1));
                }
                if (fields.isEmpty()) {
                    throw a.get("pattern")
                            .error("needs named groups like (?<seconds>...) to split the argument into fields");
                }
            }
            out.add(new ArgumentSpec(name, rest, pattern, List.copyOf(fields), domain(a, name, rest, pattern, fields)));
        }
        return List.copyOf(out);
    }

    /** The argument's declared domain (see {@link ArgumentDomain}), or null if it declares none. */
    private static ArgumentSpec.Domain domain(
            YamlNode a, String name, boolean rest, Pattern pattern, List<String> fields) {
        if (!a.has("domain")) {
            for (String f : List.of("label", "about", "count", "distinct", "where", "says")) {
                if (a.has(f)) {
                    throw a.get(f).error("belongs to a declared 'domain'; add one, e.g. domain: integer 1..999");
                }
            }
            return null;
        }
        YamlNode dn = a.get("domain");
        ArgumentDomain value = null;
        Map<String, ArgumentDomain> fieldDomains = null;
        String format = null;
        if (pattern == null) {
            value = parseDomain(dn, dn.text());
        } else {
            fieldDomains = new LinkedHashMap<>();
            dn.onlyFields(Set.copyOf(fields));
            for (String f : fields) {
                if (!dn.has(f)) {
                    throw dn.error("needs the domain of the pattern's field '" + f + "'");
                }
                fieldDomains.put(f, parseDomain(dn.get(f), dn.get(f).text()));
            }
            format = elementFormat(pattern.pattern());
            if (format == null) {
                throw a.get("pattern")
                        .error("with a domain, the pattern must be named groups joined by literal text, e.g."
                                + " (?<name>[A-Za-z]+):(?<seconds>\\d+(\\.\\d+)?)");
            }
        }
        int minCount = 1;
        int maxCount = 1;
        if (rest) {
            if (!a.has("count")) {
                throw a.error("a rest argument with a domain needs 'count', how many values it takes, e.g. 1..12");
            }
            String[] c = a.get("count").text().split("\\.\\.", -1);
            try {
                minCount = Integer.parseInt(c[0].strip());
                maxCount = c.length == 1 ? minCount : Integer.parseInt(c[1].strip());
            } catch (NumberFormatException e) {
                throw a.get("count").error("'" + a.get("count").text() + "' is not a count like 1..12");
            }
            if (c.length > 2 || minCount < 0 || minCount > maxCount || maxCount > 1000) {
                throw a.get("count").error("must be a range like 1..12 (from 0 to 1000)");
            }
        } else if (a.has("count") || a.has("distinct")) {
            throw a.get(a.has("count") ? "count" : "distinct").error("only a rest argument takes several values");
        }
        String distinct = null;
        if (a.has("distinct")) {
            String t = a.get("distinct").text();
            if (t.equals("true")) {
                distinct = "";
            } else if (pattern != null && fields.contains(t)) {
                distinct = t;
            } else if (!t.equals("false")) {
                throw a.get("distinct").error("must be true, false or a field of the pattern " + fields);
            }
        }
        Expression where = null;
        String whereText = null;
        if (a.has("says") && !a.has("where")) {
            throw a.get("says").error("says in words what 'where' requires; add the 'where' expression");
        }
        if (a.has("where")) {
            whereText = a.get("says").text();
            try {
                where = Expression.parse(a.get("where").text());
            } catch (ExpressionException e) {
                throw a.get("where").error(e.getMessage());
            }
        }
        String label = a.get("label").text(name.toUpperCase(Locale.ROOT));
        return new ArgumentSpec.Domain(
                label,
                a.get("about").text(""),
                value,
                fieldDomains == null ? null : Collections.unmodifiableMap(fieldDomains),
                format,
                minCount,
                maxCount,
                distinct,
                where,
                whereText);
    }

    /**
     * The prompt with the declared domains rendered where its "Command line" section has the marker, so the
     * prompt states exactly the contract hidden runs and tests keep.
     */
    private static String withDomains(String prompt, List<ArgumentSpec> arguments, String shownAs) {
        boolean any = arguments.stream().anyMatch(a -> a.domain() != null);
        int marker = prompt.indexOf(ArgumentDomains.PROMPT_MARKER);
        if (!any) {
            if (marker >= 0) {
                throw new ExerciseException(shownAs + ": has " + ArgumentDomains.PROMPT_MARKER
                        + ", but exercise.yaml declares no argument domains");
            }
            return prompt;
        }
        if (!ArgumentDomains.declared(arguments)) {
            throw new ExerciseException(shownAs.replace("prompt.md", "exercise.yaml") + ": arguments: "
                    + arguments.stream()
                            .filter(a -> a.domain() == null)
                            .map(ArgumentSpec::name)
                            .toList()
                    + " declare no domain; declare every argument's domain or none");
        }
        int section = prompt.indexOf("## Command line");
        int next = section < 0 ? -1 : prompt.indexOf("\n## ", section + 1);
        if (marker < 0 || section < 0 || marker < section || (next >= 0 && marker > next)) {
            throw new ExerciseException(shownAs + ": the \"## Command line\" section needs the line "
                    + ArgumentDomains.PROMPT_MARKER + ", where the declared argument domains are shown to students");
        }
        int end = prompt.indexOf('\n', marker);
        return prompt.substring(0, marker).stripTrailing() + "\n\n" + ArgumentDomains.render(arguments)
                + (end < 0 ? "" : prompt.substring(end + 1));
    }

    private static ArgumentDomain parseDomain(YamlNode n, String text) {
        try {
            return ArgumentDomain.parse(text);
        } catch (IllegalArgumentException e) {
            throw n.error(e.getMessage());
        }
    }

    /**
     * The element written from its fields, e.g. {@code ${name}:${seconds}} for {@code
     * (?<name>[A-Za-z]+):(?<seconds>\d+)}; null if the pattern has regex outside its named groups.
     */
    static String elementFormat(String regex) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (regex.startsWith("(?<", i)) {
                int nameEnd = regex.indexOf('>', i);
                int depth = 0;
                int end = i;
                for (; end < regex.length(); end++) {
                    char e = regex.charAt(end);
                    if (e == '\\') {
                        end++;
                    } else if (e == '(') {
                        depth++;
                    } else if (e == ')' && --depth == 0) {
                        break;
                    }
                }
                if (nameEnd < 0 || end >= regex.length()) {
                    return null;
                }
                out.append("${").append(regex, i + 3, nameEnd).append('}');
                i = end + 1;
            } else if (c == '\\' && i + 1 < regex.length() && !Character.isLetterOrDigit(regex.charAt(i + 1))) {
                out.append(regex.charAt(i + 1));
                i += 2;
            } else if ("()[]{}|.^$*+?\\".indexOf(c) >= 0) {
                return null;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static List<RunSpec> runs(YamlNode n) {
        List<RunSpec> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (YamlNode r : n.list()) {
            r.onlyFields(Set.of("name", "args", "hidden"));
            String name = r.get("name").text();
            if (!names.add(name)) {
                throw r.get("name").error("another run is already named '" + name + "'");
            }
            out.add(new RunSpec(name, r.get("args").texts(), r.get("hidden").bool(false)));
        }
        if (out.isEmpty()) {
            throw n.error("an exercise needs at least one run");
        }
        if (out.stream().allMatch(RunSpec::hidden)) {
            throw n.error("at least one run must be visible: it is the example students see");
        }
        return List.copyOf(out);
    }

    private static Map<String, LineGroup> lineGroups(YamlNode n) {
        Map<String, LineGroup> out = new LinkedHashMap<>();
        for (YamlNode.Entry e : n.entries()) {
            YamlNode g = e.node();
            g.onlyFields(Set.of("each", "text", "pattern"));
            String var = null;
            Expression list = null;
            if (g.has("each")) {
                Matcher m = EACH.matcher(g.get("each").text());
                if (!m.matches()) {
                    throw g.get("each").error("must read 'name in list', e.g. 't in tasks'");
                }
                var = m.group(1);
                list = expression(g.get("each"), m.group(2));
            }
            if (g.has("text") == g.has("pattern")) {
                throw g.error("needs exactly one of 'text' and 'pattern'");
            }
            boolean isPattern = g.has("pattern");
            YamlNode t = g.get(isPattern ? "pattern" : "text");
            out.put(e.key(), new LineGroup(e.key(), var, list, template(t), isPattern));
        }
        return out;
    }

    private static Check check(YamlNode c, Set<String> groups, Set<String> runNames) {
        String kind = c.get("kind").text();
        Supplier<CheckInfo> info = () -> {
            String name = c.get("name").text();
            double points = c.get("points").number(1);
            if (points < 0) {
                throw c.get("points").error("must not be negative");
            }
            Set<String> runs = Set.copyOf(c.get("runs").texts());
            for (String r : runs) {
                if (!runNames.contains(r)) {
                    throw c.get("runs").error("no run is named '" + r + "'; runs: " + String.join(", ", runNames));
                }
            }
            return new CheckInfo(
                    name,
                    points,
                    template(c.get("feedback")),
                    runs,
                    c.get("title").text(null));
        };
        return CheckEvaluator.read(kind, new CheckShape(c, groups, info));
    }

    private static String group(YamlNode n, Set<String> groups) {
        String g = n.text();
        if (!groups.contains(g)) {
            throw n.error("no line group '" + g + "'; groups under 'lines': " + String.join(", ", groups));
        }
        return g;
    }

    private static Expression expression(YamlNode n) {
        return expression(n, n.text());
    }

    private static Expression expression(YamlNode n, String source) {
        try {
            return Expression.parse(source);
        } catch (ExpressionException e) {
            throw n.error(e.getMessage());
        }
    }

    private static Template template(YamlNode n) {
        try {
            return Template.parse(n.text());
        } catch (ExpressionException e) {
            throw n.error(e.getMessage());
        }
    }

    private static Pattern regex(YamlNode n, String source) {
        try {
            return Pattern.compile(source);
        } catch (PatternSyntaxException e) {
            throw n.error("is not a valid regular expression: " + e.getDescription());
        }
    }

    private static Map<String, VariantSpec> variants(YamlNode n, Path dir, Set<String> checkNames) {
        Map<String, VariantSpec> out = new TreeMap<>();
        for (YamlNode.Entry e : n.entries()) {
            YamlNode v = e.node();
            v.onlyFields(Set.of("fails"));
            List<String> fails = v.get("fails").texts();
            for (int i = 0; i < fails.size(); i++) {
                if (!checkNames.contains(fails.get(i))) {
                    throw v.get("fails").list().get(i).error("no check is named '" + fails.get(i) + "'");
                }
            }
            String where = "exercises/" + dir.getFileName() + "/variants/" + e.key() + "/";
            out.put(
                    e.key(),
                    new VariantSpec(
                            e.key(), fails, javaFiles(dir.resolve("variants").resolve(e.key()), where)));
        }
        return out;
    }

    /**
     * The other correct solutions kept in {@code accepted/<name>/}: readings of the prompt that must get full
     * marks as the reference does (e.g. one that reads numeric IDs as numbers), by name.
     */
    static Map<String, Map<String, String>> acceptedSolutions(Path dir) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        Path folder = dir.resolve("accepted");
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : s.filter(Files::isDirectory).sorted().toList()) {
                out.put(
                        p.getFileName().toString(),
                        javaFiles(p, "exercises/" + dir.getFileName() + "/accepted/" + p.getFileName()));
            }
        } catch (IOException e) {
            throw new ExerciseException(
                    "exercises/" + dir.getFileName() + "/accepted: cannot be read: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * The timing-margin warnings for one run (see {@link #rehearse(Exercise, YamlNode)}); throws {@link
     * ExpressionException} if an expression fails on its arguments.
     */
    static List<String> runWarnings(Exercise ex, RunSpec run) {
        Map<String, Object> vars = ex.variables(run);
        Map<String, List<ExpectedLine>> expected = ex.expectedLines(vars);
        List<String> warnings = new ArrayList<>();
        for (Check c : ex.checks()) {
            if (c.info().appliesTo(run.name())) {
                warnings.addAll(rehearse(ex, c, run, vars, expected));
            }
        }
        return warnings;
    }

    private static Map<String, String> javaFiles(Path folder, String shownAs) {
        if (!Files.isDirectory(folder)) {
            throw new ExerciseException(shownAs + ": folder is missing; it must hold the .java files");
        }
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                files.put(p.getFileName().toString(), Files.readString(p));
            }
        } catch (IOException e) {
            throw new ExerciseException(shownAs + ": cannot be read: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new ExerciseException(shownAs + ": holds no .java files");
        }
        return files;
    }

    private static String read(Path file, String shownAs) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ExerciseException(
                    shownAs + ": is missing or unreadable; every exercise needs a prompt for students");
        }
    }

    /**
     * Evaluates every expression of the exercise for every run, so that a broken expression fails at load
     * rather than in a student's grading, and collects warnings about narrow timing margins.
     */
    private static List<String> rehearse(Exercise ex, YamlNode root) {
        List<String> warnings = new ArrayList<>();
        for (int r = 0; r < ex.runs().size(); r++) {
            RunSpec run = ex.runs().get(r);
            YamlNode runNode = root.get("runs").list().get(r);
            Map<String, Object> vars;
            Map<String, List<ExpectedLine>> expected;
            try {
                vars = ex.variables(run);
            } catch (IllegalArgumentException e) {
                throw runNode.get("args").error(e.getMessage());
            }
            try {
                expected = ex.expectedLines(vars);
            } catch (ExpressionException | PatternSyntaxException e) {
                throw root.get("lines").error("for run '" + run.name() + "': " + e.getMessage());
            }
            List<YamlNode> checkNodes = root.get("checks").list();
            for (int i = 0; i < ex.checks().size(); i++) {
                Check c = ex.checks().get(i);
                if (!c.info().appliesTo(run.name())) {
                    continue;
                }
                try {
                    warnings.addAll(rehearse(ex, c, run, vars, expected));
                } catch (ExpressionException | IllegalArgumentException e) {
                    throw checkNodes.get(i).error("for run '" + run.name() + "': " + e.getMessage());
                }
                Map<String, Object> feedbackScope = new HashMap<>(vars);
                feedbackScope.put("run", run.name());
                for (String value : CheckEvaluator.feedbackValues(c)) {
                    feedbackScope.put(value, "0"); // reads as text and as a number, as real values do
                }
                try {
                    c.info().feedback().render(feedbackScope);
                } catch (ExpressionException e) {
                    throw checkNodes
                            .get(i)
                            .get("feedback")
                            .error(e.getMessage() + "; a "
                                    + checkNodes.get(i).get("kind").text() + " check offers "
                                    + CheckEvaluator.feedbackValues(c)
                                    + ", run, and the argument names");
                }
            }
        }
        return warnings;
    }

    private static List<String> rehearse(
            Exercise ex, Check c, RunSpec run, Map<String, Object> vars, Map<String, List<ExpectedLine>> expected) {
        String where = "check '" + c.info().name() + "', run '" + run.name() + "'";
        return CheckEvaluator.rehearse(
                c, new Rehearsal(where, vars, expected, ex.limits().wallTime().toMillis() / 1000.0));
    }
}
