package dev.asyncgrader.exercise;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The argument domains of an exercise taken together: whether a run's arguments stay inside them, random
 * runs drawn from them, their description for the prompt, and the data the hidden tests draw from.
 */
public final class ArgumentDomains {
    /** The line in prompt.md that the declared domains replace. */
    public static final String PROMPT_MARKER = "<!-- arguments -->";

    /** Values pre-drawn per argument and field for the hidden tests' support class. */
    private static final int POOL = 200;

    private ArgumentDomains() {}

    /** Whether every argument of the exercise declares its domain (an exercise without arguments does). */
    public static boolean declared(List<ArgumentSpec> specs) {
        return specs.stream().allMatch(s -> s.domain() != null);
    }

    /** Why {@code args} step outside the declared domains, one sentence per problem; empty if they do not. */
    public static List<String> outside(List<ArgumentSpec> specs, List<String> args) {
        if (specs.stream().noneMatch(s -> s.domain() != null)) {
            return List.of(); // nothing declared: the loader reports arguments that do not bind
        }
        List<String> problems = new ArrayList<>();
        int i = 0;
        for (ArgumentSpec spec : specs) {
            ArgumentSpec.Domain d = spec.domain();
            if (spec.rest()) {
                List<String> values = args.subList(Math.min(i, args.size()), args.size());
                i = args.size();
                if (d == null) {
                    continue;
                }
                if (values.size() < d.minCount() || values.size() > d.maxCount()) {
                    problems.add("'" + spec.name() + "' has " + values.size() + " values, but its domain allows "
                            + d.minCount() + " to " + d.maxCount());
                }
                Set<String> seen = new HashSet<>();
                for (String v : values) {
                    String why = spec.outside(v);
                    if (why != null) {
                        problems.add("'" + spec.name() + "': " + why);
                    } else if (d.distinct() != null && !seen.add(spec.distinctKey(v))) {
                        problems.add("'" + spec.name() + "' repeats '" + spec.distinctKey(v)
                                + "', but its domain says they are all different");
                    }
                }
            } else if (i < args.size()) {
                String v = args.get(i++);
                String why = d == null ? null : spec.outside(v);
                if (why != null) {
                    problems.add("'" + spec.name() + "': " + why);
                }
            }
        }
        if (problems.isEmpty()) {
            Map<String, Object> vars;
            try {
                vars = ArgumentSpec.bind(specs, args);
            } catch (IllegalArgumentException e) {
                return List.of(e.getMessage());
            }
            for (ArgumentSpec spec : specs) {
                if (spec.domain() != null
                        && spec.domain().where() != null
                        && !Boolean.TRUE.equals(spec.domain().where().evaluate(vars))) {
                    problems.add("the arguments " + args + " break the rule of '" + spec.name() + "': "
                            + spec.domain().whereText());
                }
            }
        }
        return problems;
    }

    /** Random arguments for one run, drawn from the declared domains (every argument must declare one). */
    public static List<String> draw(List<ArgumentSpec> specs, Random random) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            List<String> args = new ArrayList<>();
            for (ArgumentSpec spec : specs) {
                ArgumentSpec.Domain d = spec.domain();
                if (!spec.rest()) {
                    args.add(spec.drawOne(random));
                    continue;
                }
                int count = d.minCount() + random.nextInt(d.maxCount() - d.minCount() + 1);
                Set<String> keys = new HashSet<>();
                int added = 0;
                for (int tries = 0; added < count && tries < 100 * count; tries++) {
                    String v = spec.drawOne(random);
                    if (d.distinct() == null || keys.add(spec.distinctKey(v))) {
                        args.add(v);
                        added++;
                    }
                }
            }
            if (outside(specs, args).isEmpty()) {
                return List.copyOf(args);
            }
        }
        throw new IllegalStateException("no arguments drawn in 1000 attempts meet the declared domains and rules");
    }

    /** The declared domains as a Markdown list for the prompt's "Command line" section. */
    public static String render(List<ArgumentSpec> specs) {
        StringBuilder out = new StringBuilder();
        for (ArgumentSpec spec : specs) {
            ArgumentSpec.Domain d = spec.domain();
            out.append("- `").append(d.label()).append(spec.rest() ? "...`: " : "`: ");
            if (!d.about().isEmpty()) {
                out.append(d.about()).append("; ");
            }
            if (spec.rest()) {
                out.append(d.minCount() == d.maxCount() ? "" + d.minCount() : d.minCount() + " to " + d.maxCount())
                        .append(" of them");
                if (d.distinct() != null) {
                    out.append(
                            d.distinct().isEmpty()
                                    ? ", all different"
                                    : ", " + plural(d.distinct()) + " all different");
                }
                out.append(", each ");
            }
            if (d.value() != null) {
                out.append(d.value().describe());
            } else {
                List<String> parts = new ArrayList<>();
                d.fields()
                        .forEach((f, dom) ->
                                parts.add("`" + f.toUpperCase(java.util.Locale.ROOT) + "` " + dom.describe()));
                out.append("written `")
                        .append(d.format().replace("${", "").replace("}", "").toUpperCase(java.util.Locale.ROOT))
                        .append("` with ")
                        .append(String.join(", ", parts));
            }
            out.append(".\n");
        }
        for (ArgumentSpec spec : specs) {
            if (spec.domain().where() != null) {
                out.append("- ").append(spec.domain().whereText()).append('\n');
            }
        }
        return out.toString();
    }

    private static String plural(String field) {
        return field.endsWith("s") ? field + "es" : field + "s";
    }

    /**
     * Java source of {@code ArgumentDomainData}, compiled with an exercise's hidden tests: each argument's
     * declaration and values drawn from its domain just now, so that {@code Arguments} in the tests draws only
     * from the declared domains and refuses runs outside them.
     */
    public static String testSupportSource(List<ArgumentSpec> specs, Random random) {
        StringBuilder out = new StringBuilder();
        out.append("/** Generated by the grader from exercise.yaml's argument domains (see Arguments). */\n");
        out.append("final class ArgumentDomainData {\n    private ArgumentDomainData() {}\n\n");
        out.append(
                "    /** name, rest, pattern, domain, min count, max count, distinct, field names (comma), field domains (tab). */\n");
        out.append("    static final String[][] ARGUMENTS = {\n");
        for (ArgumentSpec spec : specs) {
            ArgumentSpec.Domain d = spec.domain();
            if (d == null) {
                continue;
            }
            out.append("        {")
                    .append(String.join(
                            ", ",
                            quoted(List.of(
                                    spec.name(),
                                    Boolean.toString(spec.rest()),
                                    spec.pattern() == null ? "" : spec.pattern().pattern(),
                                    d.value() == null ? "" : d.value().spec(),
                                    Integer.toString(d.minCount()),
                                    Integer.toString(d.maxCount()),
                                    d.distinct() == null ? "-" : d.distinct(),
                                    d.fields() == null
                                            ? ""
                                            : String.join(",", d.fields().keySet()),
                                    d.fields() == null
                                            ? ""
                                            : String.join(
                                                    "\t",
                                                    d.fields().values().stream()
                                                            .map(ArgumentDomain::spec)
                                                            .toList())))))
                    .append("},\n");
        }
        out.append("    };\n\n    /** Per argument (same order), values drawn from its domain. */\n");
        out.append("    static final String[][] VALUES = {\n");
        for (ArgumentSpec spec : specs) {
            if (spec.domain() == null) {
                continue;
            }
            List<String> pool = new ArrayList<>();
            for (int i = 0; i < POOL; i++) {
                pool.add(spec.drawOne(random));
            }
            out.append("        {").append(String.join(", ", quoted(pool))).append("},\n");
        }
        out.append(
                "    };\n\n    /** Per argument and field (\"name.field\"), values drawn from the field's domain. */\n");
        out.append("    static final java.util.Map<String, String[]> FIELD_VALUES = java.util.Map.ofEntries(\n");
        List<String> entries = new ArrayList<>();
        for (ArgumentSpec spec : specs) {
            if (spec.domain() == null || spec.domain().fields() == null) {
                continue;
            }
            spec.domain().fields().forEach((f, dom) -> {
                List<String> pool = new ArrayList<>();
                for (int i = 0; i < POOL; i++) {
                    pool.add(dom.draw(random));
                }
                entries.add("        java.util.Map.entry(" + quote(spec.name() + "." + f) + ", new String[] {"
                        + String.join(", ", quoted(pool)) + "})");
            });
        }
        out.append(String.join(",\n", entries)).append(");\n}\n");
        return out.toString();
    }

    private static List<String> quoted(List<String> values) {
        return values.stream().map(ArgumentDomains::quote).toList();
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
