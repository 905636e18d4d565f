import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exercise's declared argument domains (the arguments section of exercise.yaml), for hidden tests: draw
 * arguments only from them, and {@link #check} refuses a command line outside them. {@link ProgramRun#of}
 * checks every run, so a test cannot send the program a value the prompt does not allow. The grader compiles
 * this class with every exercise's tests, together with {@code ArgumentDomainData}, generated from the
 * declaration with values freshly drawn from it.
 */
public final class Arguments {
    private Arguments() {}

    /** One value of argument {@code name} (one element, for a rest argument), drawn from its domain. */
    public static String one(String name, Random random) {
        String[] values = ArgumentDomainData.VALUES[index(name)];
        return values[random.nextInt(values.length)];
    }

    /**
     * {@code count} values of rest argument {@code name}, drawn from its domain and all different if it says
     * so; {@code count} must be within the declared count.
     */
    public static List<String> some(String name, int count, Random random) {
        int i = index(name);
        String[] decl = ArgumentDomainData.ARGUMENTS[i];
        if (count < Integer.parseInt(decl[4]) || count > Integer.parseInt(decl[5])) {
            throw new IllegalStateException("exercise error: a test asks for " + count + " values of '" + name
                    + "', but its domain allows " + decl[4] + " to " + decl[5]);
        }
        Set<String> keys = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (int tries = 0; out.size() < count; tries++) {
            if (tries > 100_000) {
                throw new IllegalStateException(
                        "exercise error: cannot draw " + count + " different values of '" + name + "' from its domain");
            }
            String v = one(name, random);
            if (decl[6].equals("-") || keys.add(key(decl, v))) {
                out.add(v);
            }
        }
        return out;
    }

    /** One value of field {@code field} of the split argument {@code name}, drawn from the field's domain. */
    public static String field(String name, String field, Random random) {
        String[] values = ArgumentDomainData.FIELD_VALUES.get(name + "." + field);
        if (values == null) {
            throw new IllegalStateException(
                    "exercise error: argument '" + name + "' declares no field '" + field + "'");
        }
        return values[random.nextInt(values.length)];
    }

    /** Whether {@code value} is in the domain of argument {@code name} (of each element, for a rest argument). */
    public static boolean allows(String name, String value) {
        return problem(ArgumentDomainData.ARGUMENTS[index(name)], value) == null;
    }

    /** Throws {@link IllegalStateException} (an error of the exercise, not the student) if {@code args} step outside the domains. */
    public static void check(List<String> args) {
        int at = 0;
        for (String[] decl : ArgumentDomainData.ARGUMENTS) {
            boolean rest = Boolean.parseBoolean(decl[1]);
            List<String> values = rest
                    ? args.subList(Math.min(at, args.size()), args.size())
                    : args.subList(Math.min(at, args.size()), Math.min(at + 1, args.size()));
            at += values.size();
            if (!rest && values.isEmpty()) {
                throw outside(args, "'" + decl[0] + "' is missing");
            }
            if (rest && (values.size() < Integer.parseInt(decl[4]) || values.size() > Integer.parseInt(decl[5]))) {
                throw outside(
                        args,
                        "'" + decl[0] + "' has " + values.size() + " values, its domain allows " + decl[4] + " to "
                                + decl[5]);
            }
            Set<String> keys = new HashSet<>();
            for (String v : values) {
                String why = problem(decl, v);
                if (why != null) {
                    throw outside(args, "'" + decl[0] + "': " + why);
                }
                if (!decl[6].equals("-") && !keys.add(key(decl, v))) {
                    throw outside(args, "'" + decl[0] + "' repeats '" + key(decl, v) + "'");
                }
            }
        }
        if (ArgumentDomainData.ARGUMENTS.length > 0 && at < args.size()) {
            throw outside(args, (args.size() - at) + " arguments more than declared");
        }
    }

    private static IllegalStateException outside(List<String> args, String why) {
        return new IllegalStateException("exercise error: a hidden test ran the program with " + args
                + ", outside the declared argument domains: " + why);
    }

    private static int index(String name) {
        for (int i = 0; i < ArgumentDomainData.ARGUMENTS.length; i++) {
            if (ArgumentDomainData.ARGUMENTS[i][0].equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("exercise error: no argument '" + name + "' declares a domain");
    }

    private static String key(String[] decl, String value) {
        if (decl[6].isEmpty() || decl[2].isEmpty()) {
            return value;
        }
        Matcher m = Pattern.compile(decl[2]).matcher(value);
        return m.matches() ? m.group(decl[6]) : value;
    }

    private static String problem(String[] decl, String value) {
        if (decl[2].isEmpty()) {
            return inDomain(decl[3], value) ? null : "'" + value + "' is not in " + decl[3];
        }
        Matcher m = Pattern.compile(decl[2]).matcher(value);
        if (!m.matches()) {
            return "'" + value + "' does not match " + decl[2];
        }
        String[] fields = decl[7].split(",");
        String[] domains = decl[8].split("\t");
        for (int f = 0; f < fields.length; f++) {
            String v = m.group(fields[f]);
            if (v == null || !inDomain(domains[f], v)) {
                return "the " + fields[f] + " '" + v + "' of '" + value + "' is not in " + domains[f];
            }
        }
        return null;
    }

    /** Membership in a domain as exercise.yaml writes it (integer a..b, decimal a..b step s, word R, one of a, b). */
    static boolean inDomain(String spec, String value) {
        if (spec.startsWith("integer ")) {
            String[] r = spec.substring(8).split("\\.\\.");
            if (!value.matches("-?(0|[1-9]\\d{0,17})")) {
                return false;
            }
            long v = Long.parseLong(value);
            return v >= Long.parseLong(r[0].strip()) && v <= Long.parseLong(r[1].strip());
        }
        if (spec.startsWith("decimal ")) {
            String rest = spec.substring(8);
            int s = rest.indexOf(" step ");
            String[] r = rest.substring(0, s).split("\\.\\.");
            BigDecimal min = new BigDecimal(r[0].strip());
            BigDecimal max = new BigDecimal(r[1].strip());
            BigDecimal step = new BigDecimal(rest.substring(s + 6).strip());
            if (!value.matches("-?\\d{1,9}(\\.\\d{1,6})?")) {
                return false;
            }
            BigDecimal v = new BigDecimal(value);
            return v.compareTo(min) >= 0
                    && v.compareTo(max) <= 0
                    && v.subtract(min).remainder(step).signum() == 0;
        }
        if (spec.startsWith("word ")) {
            return value.matches(spec.substring(5).strip());
        }
        if (spec.startsWith("one of ")) {
            for (String c : spec.substring(7).split(",")) {
                if (c.strip().equals(value)) {
                    return true;
                }
            }
            return false;
        }
        return false;
    }
}
