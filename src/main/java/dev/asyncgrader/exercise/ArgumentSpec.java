package dev.asyncgrader.exercise;

import dev.asyncgrader.expr.Expression;
import dev.asyncgrader.expr.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name a command-line argument has in an exercise's expressions.
 *
 * @param rest whether it takes all remaining arguments as a list
 * @param pattern optional regex with named groups splitting each argument into fields
 * @param fields the pattern's group names
 * @param domain the values it may take, as published in the prompt; null if the exercise declares none
 */
public record ArgumentSpec(String name, boolean rest, Pattern pattern, List<String> fields, Domain domain) {

    /**
     * The published contract of one argument: the values a run or hidden test may give it.
     *
     * @param label how the prompt's command line shows it, e.g. {@code SECONDS} or {@code NAME:SECONDS}
     * @param about what it means, in words, for the prompt
     * @param value the domain of the argument (of each element, for a rest argument); null with a pattern
     * @param fields with a pattern: the domain of each named field
     * @param format with a pattern: the element written from its fields, e.g. {@code ${name}:${seconds}}
     * @param minCount for a rest argument, the fewest elements
     * @param maxCount for a rest argument, the most elements
     * @param distinct for a rest argument: null if values may repeat, "" if elements are all different, or the
     *     field whose values are all different
     * @param where a condition over all arguments (by name) every run must meet, or null
     */
    public record Domain(
            String label,
            String about,
            ArgumentDomain value,
            Map<String, ArgumentDomain> fields,
            String format,
            int minCount,
            int maxCount,
            String distinct,
            Expression where,
            String whereText) {}

    /** Why {@code arg}, one value of this argument, is outside its domain; null if it is inside. */
    String outside(String arg) {
        if (domain.value() != null) {
            return domain.value().contains(arg)
                    ? null
                    : "'" + arg + "' is not " + domain.value().describe();
        }
        Matcher m = pattern.matcher(arg);
        if (!m.matches()) {
            return "'" + arg + "' does not match the pattern of '" + name + "'";
        }
        for (var f : domain.fields().entrySet()) {
            String v = m.group(f.getKey());
            if (v == null || !f.getValue().contains(v)) {
                return "the " + f.getKey() + " '" + v + "' of '" + arg + "' is not "
                        + f.getValue().describe();
            }
        }
        return null;
    }

    /** The distinctness key of one element: the whole element or the distinct field. */
    String distinctKey(String arg) {
        if (domain.distinct() == null || domain.distinct().isEmpty() || pattern == null) {
            return arg;
        }
        Matcher m = pattern.matcher(arg);
        return m.matches() ? m.group(domain.distinct()) : arg;
    }

    /** One random value of this argument (one element, for a rest argument). */
    String drawOne(Random random) {
        if (domain.value() != null) {
            return domain.value().draw(random);
        }
        String out = domain.format();
        for (var f : domain.fields().entrySet()) {
            out = out.replace("${" + f.getKey() + "}", f.getValue().draw(random));
        }
        return out;
    }

    /** Binds a run's arguments to their names; also binds {@code args}, the whole list. */
    static Map<String, Object> bind(List<ArgumentSpec> specs, List<String> args) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("args", List.copyOf(args));
        int i = 0;
        for (ArgumentSpec spec : specs) {
            if (spec.rest()) {
                List<Object> values = new ArrayList<>();
                for (; i < args.size(); i++) {
                    values.add(spec.value(args.get(i)));
                }
                vars.put(spec.name(), values);
            } else {
                if (i >= args.size()) {
                    throw new IllegalArgumentException("argument '" + spec.name() + "' is missing");
                }
                vars.put(spec.name(), spec.value(args.get(i++)));
            }
        }
        if (i < args.size()) {
            throw new IllegalArgumentException(
                    (args.size() - i) + " argument(s) more than the names declared in 'arguments'");
        }
        return vars;
    }

    private Object value(String arg) {
        if (pattern == null) {
            return arg;
        }
        Matcher m = pattern.matcher(arg);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "'" + arg + "' does not match the pattern of '" + name + "': " + pattern);
        }
        Map<String, Object> element = new HashMap<>();
        element.put(Values.WHOLE, arg);
        for (String f : fields) {
            element.put(f, m.group(f));
        }
        return element;
    }
}
