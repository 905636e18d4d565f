package dev.asyncgrader.exercise;

import dev.asyncgrader.expr.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name a command-line argument has in an exercise's expressions.
 *
 * @param rest whether it takes all remaining arguments as a list
 * @param pattern optional regex with named groups splitting each argument into fields
 * @param fields the pattern's group names
 */
public record ArgumentSpec(String name, boolean rest, Pattern pattern, List<String> fields) {

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
